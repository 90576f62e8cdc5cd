import { TestRepo } from './git-repo.js';

/** A CPU-bound workload whose cost per message is set by a constant in the source. */
export function workSource(cost: number): string {
  return `export const COST = ${cost};
export function work(i) {
  let h = i;
  for (let k = 0; k < COST; k++) h = (h * 31 + k) | 0;
  return h;
}
`;
}

export const FAST_CONFIG = 'warmup: 50ms\nduration: 150ms\ntrials: 8\nmax_pairs: 16\n';

/**
 * A repository with two benchmarks: `work` measures `src/work.mjs` (cost set by a constant),
 * `steady` a loop of its own that never changes.
 */
export function workloadRepo(cost = 200): TestRepo {
  const repo = new TestRepo();
  repo.commit('initial', {
    'src/work.mjs': workSource(cost),
    'benchmarks/work.bench.mjs': "import { work } from '../src/work.mjs';\nexport default { handle: (i) => work(i) };\n",
    'benchmarks/steady.bench.mjs':
      'export default { handle: (i) => { let h = i; for (let k = 0; k < 150; k++) h = (h * 17 + k) | 0; return h; } };\n',
    '.github/perfbot.yml': FAST_CONFIG,
  });
  return repo;
}
