import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestRepo } from './git-repo.js';
import { workSource } from './workload-repo.js';

const BIN = fileURLToPath(new URL('../../bin/perfbot.js', import.meta.url));

/** Short trials: the workload is deterministic, so 100 ms windows tell a 5% step from noise. */
export const BISECT_CONFIG = 'warmup: 30ms\nduration: 100ms\ntrials: 8\nmax_pairs: 32\n';

const BENCH = "import { work } from '../src/work.mjs';\nexport default { handle: (i) => work(i) };\n";

export interface CostHistory {
  repo: TestRepo;
  /** Commit shas, oldest first; `shas[i]` has cost `costs[i]`. */
  shas: string[];
}

/**
 * A linear history whose commit `i` sets the workload's cost constant to `costs[i]` (loop
 * iterations per message, so throughput moves by the ratio of costs). Commits in `broken`
 * fail to install: their `install.mjs` exits 1, as a dependency that cannot be resolved would.
 */
export function costHistory(costs: readonly number[], broken: ReadonlySet<number> = new Set()): CostHistory {
  const repo = new TestRepo();
  const shas = costs.map((cost, i) =>
    repo.commit(`commit ${i}`, {
      'src/work.mjs': workSource(cost) + `// revision ${i}\n`,
      'install.mjs': broken.has(i) ? "console.error('npm ERR! 404 left-pad@9.9.9 is not in the registry');\nprocess.exit(1);\n" : 'process.exit(0);\n',
      ...(i === 0 ? { '.github/perfbot.yml': `install: node install.mjs\n${BISECT_CONFIG}`, 'benchmarks/work.bench.mjs': BENCH } : {}),
    }),
  );
  return { repo, shas };
}

/** Costs for `n` commits: `base` until the first step, each step multiplying the cost by its factor from its commit on. */
export function stepCosts(n: number, base: number, steps: Record<number, number>): number[] {
  const costs: number[] = [];
  let cost = base;
  for (let i = 0; i < n; i++) {
    if (steps[i] !== undefined) cost = Math.round(cost * steps[i]!);
    costs.push(cost);
  }
  return costs;
}

export interface BisectJson {
  status: string;
  culprit: { sha: string; subject: string; change: number } | null;
  culprits: { sha: string; change: number }[];
  candidates: string[];
  steps: { sha: string; verdict: string; trials: number }[];
  trials: number;
  reused: number;
  commits: number;
  reason: string;
}

export const newDb = (): string => join(mkdtempSync(join(tmpdir(), 'perfbot-db-')), 'perfbot.sqlite');

/** Runs the perfbot CLI as a user would. */
export function perfbot(args: string[], db: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args, '--db', db], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `perfbot bisect --json` over a whole history, from its first commit to its last. */
export function bisectAll(h: CostHistory, extra: string[] = []): BisectJson {
  const r = perfbot(['bisect', '--repo', h.repo.dir, '--good', h.shas[0]!, '--bad', h.shas.at(-1)!, '--bench', 'work', '--json', ...extra], newDb());
  if (r.code !== 0) throw new Error(`perfbot bisect exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as BisectJson;
}
