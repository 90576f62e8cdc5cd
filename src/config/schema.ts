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
const globs = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));

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
