import { z } from 'zod';
import { parseDuration, parsePercent } from '../domain/duration.js';

const duration = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: `expected a duration like '500ms' or '2s', got ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return ms;
  });

const percent = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const fraction = parsePercent(value);
    if (fraction === null || fraction >= 1) {
      ctx.addIssue({ code: 'custom', message: `expected a percentage like '2%', got ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return fraction;
  });

const command = z.union([z.string().min(1), z.null()]);

/**
 * Whether a benchmark glob could reach outside the repository: absolute (`/x`, `C:x`), from a
 * home directory (`~`), or with a `..` segment anywhere, also inside braces or extglobs
 * (`{..,a}/x`, `@(..)/x`). Backslashes are read both as separators (`a\..\x`) and as escapes
 * (`.\./x`); a leading `!` is looked through. Brace ranges such as `{1..3}` stay allowed.
 */
export function globLeavesRepository(glob: string): boolean {
  const bare = glob.replace(/^!+/, '');
  return [bare.replaceAll('\\', '/'), bare.replaceAll('\\', '')].some(
    (path) => /^[/~]|^[A-Za-z]:/.test(path) || path.split(/[/{},()|]/).includes('..'),
  );
}

const glob = z
  .string()
  .min(1)
  .refine((value) => !globLeavesRepository(value), "must stay inside the repository (no absolute paths or '..')");
const globs = z.union([glob, z.array(glob).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));

/** Schema of `.github/perfbot.yml` (design §2.2). Every key is optional; unknown keys are errors. */
export const repoConfigSchema = z
  .object({
    install: command.optional(),
    build: command.optional(),
    benchmarks: globs.optional(),
    trials: z.number().int().min(1).max(200).optional(),
    max_pairs: z.number().int().min(2).max(400).optional(),
    warmup: duration.optional(),
    duration: duration.optional(),
    thresholds: z.record(z.string().regex(/^[a-z][a-z0-9.]*$/, 'metric names are lower case, e.g. throughput or latency.p99'), percent).optional(),
    fail_on: z.enum(['regression', 'never']).optional(),
    timeout: duration.optional(),
    memory: z.number().int().min(64).max(65536).optional(),
    env: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')).optional(),
    runs_on: z.enum(['members', 'command']).optional(),
    record_trials: z.number().int().min(1).max(50).optional(),
    bisect_budget: z.number().int().min(0).max(50).optional(),
  })
  .strict();

export type RawRepoConfig = z.output<typeof repoConfigSchema>;
