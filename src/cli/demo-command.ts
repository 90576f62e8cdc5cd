import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import { planDemoHistory } from '../demo/history.js';
import { NDJSON_SLOWDOWN } from '../demo/slowdown.js';
import type { ParsedCommand } from './args.js';
import { compareCommand } from './compare-command.js';
import { databasePath } from './paths.js';

const SUITE = fileURLToPath(new URL('../../benchmarks/', import.meta.url));

/**
 * The benchmarks the demo compares: the NDJSON pipeline and two handle-form workloads. The whole
 * suite at the pairs these noisy JIT-heavy workloads need would take over five minutes on two
 * cores; `--bench` picks others.
 */
export const DEMO_BENCHMARKS = '{ndjson-pipeline,tumbling-window,hash-partition}';

/** Runs git for the generated repository only: a fixed identity and no global or system config. */
function git(dir: string, args: string[], when: number): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Grace Hopper',
      GIT_AUTHOR_EMAIL: 'grace@example.com',
      GIT_COMMITTER_NAME: 'Grace Hopper',
      GIT_COMMITTER_EMAIL: 'grace@example.com',
      GIT_AUTHOR_DATE: `${when} +0000`,
      GIT_COMMITTER_DATE: `${when} +0000`,
    },
  }).trim();
}

/**
 * Builds the demo repository from perfbot's own suite (about 20 commits, one of which slows
 * the NDJSON pipeline's enrich stage).
 * @returns the repository, every commit's sha and the culprit's index
 */
export async function buildDemoRepository(dir: string): Promise<{ shas: string[]; culprit: number; subjects: string[] }> {
  const paths = await glob(['*.bench.mjs', 'lib/*.mjs'], { cwd: SUITE });
  const suite = new Map(paths.map((p) => [p, readFileSync(join(SUITE, p), 'utf8')]));
  const history = planDemoHistory(suite, NDJSON_SLOWDOWN);
  let when = Date.UTC(2026, 9, 5, 9, 0, 0) / 1000;
  git(dir, ['init', '--quiet', '--initial-branch=main'], when);
  const shas: string[] = [];
  for (const commit of history.commits) {
    for (const [path, text] of Object.entries(commit.files)) {
      const full = join(dir, path);
      if (text === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, text);
      }
    }
    when += 5 * 3600;
    git(dir, ['add', '--all'], when);
    git(dir, ['commit', '--quiet', '-m', commit.subject], when);
    shas.push(git(dir, ['rev-parse', 'HEAD'], when));
  }
  return { shas, culprit: history.culprit, subjects: history.commits.map((c) => c.subject) };
}

/**
 * `perfbot demo`: builds a repository from perfbot's suite with a planted slowdown, then runs
 * the pull request's job on it: compare of the commit before the slowdown with the last
 * commit. The comment goes to stdout and to `db/demo-comment.md`; the database stays at
 * `db/perfbot.sqlite` (or `--db`).
 * @returns the exit code of the compare
 */
export async function demoCommand(values: ParsedCommand['values'], out: NodeJS.WritableStream): Promise<number> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'perfbot-demo-'));
  const { shas, culprit, subjects } = await buildDemoRepository(dir);
  const db = databasePath(values.db);
  const commentFile = typeof values.out === 'string' ? resolve(values.out) : join(dirname(db), 'demo-comment.md');
  process.stderr.write(
    `perfbot demo: ${shas.length} commits in ${dir}\n` +
      `  culprit ${shas[culprit]!.slice(0, 10)} "${subjects[culprit]}"\n` +
      `  comparing ${shas[culprit - 1]!.slice(0, 10)} (before it) with ${shas.at(-1)!.slice(0, 10)} (main)\n`,
  );
  const bench = typeof values.bench === 'string' ? values.bench : DEMO_BENCHMARKS;
  const code = await compareCommand({ ...values, bench, repo: dir, base: shas[culprit - 1]!, head: shas.at(-1)!, db, out: commentFile }, out);
  process.stderr.write(
    `perfbot demo: done in ${((performance.now() - started) / 1000).toFixed(0)} s · comment in ${commentFile} · database ${db} · repository ${dir}\n`,
  );
  return code;
}
