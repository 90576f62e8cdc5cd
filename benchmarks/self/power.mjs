// npm run bench:power — power table of perfbot's verdict rule (design §5), from seeded simulations:
// for each trial CV and pair count, the share of comparisons that end in `regression` when throughput
// drops by 2..20%, and the false-positive rate (regression or improvement) when nothing changed.
// Each trial value is median × exp(N(0, cv)), independently for base and head; τ = 2%, α = 0.01,
// one verdict metric (Holm is the identity). Deterministic: every cell has its own fixed seed.
// The no-change column uses 10× the runs, since it estimates a rate near 1%.
// Options: --sims N (runs per cell, default 400), --seed S (default 1).
import { parseArgs } from 'node:util';
import { gaussian, mulberry32 } from '../../dist/domain/random.js';
import { decideVerdict, pairedTest } from '../../dist/domain/stats/index.js';

const { values } = parseArgs({ options: { sims: { type: 'string', default: '400' }, seed: { type: 'string', default: '1' } } });
const SIMS = Number(values.sims);
const SEED = Number(values.seed);
const SHIFTS = [0, 0.02, 0.03, 0.05, 0.1, 0.2];
const CVS = [0.01, 0.02, 0.03, 0.05];
const PAIRS = [10, 20, 40, 80];
const THRESHOLD = 0.02;
const ALPHA = 0.01;

/** Verdict counts of `runs` simulated comparisons of a throughput change of −drop. */
function simulate(seed, runs, pairs, cv, drop) {
  const normal = gaussian(mulberry32(seed));
  const counts = { regression: 0, improvement: 0, unchanged: 0, inconclusive: 0 };
  for (let s = 0; s < runs; s++) {
    const base = [];
    const head = [];
    for (let i = 0; i < pairs; i++) {
      base.push(1000 * Math.exp(cv * normal()));
      head.push(1000 * (1 - drop) * Math.exp(cv * normal()));
    }
    const test = pairedTest({ base, head }, ALPHA);
    counts[decideVerdict({ ...test, better: 'higher', threshold: THRESHOLD, alpha: ALPHA })]++;
  }
  return counts;
}

const pct = (x) => `${(100 * x).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;
const started = performance.now();
const rows = [];
let cell = 0;
let total = 0;
for (const pairs of PAIRS) {
  for (const cv of CVS) {
    const cells = [];
    for (const shift of SHIFTS) {
      cell++;
      const runs = shift === 0 ? 10 * SIMS : SIMS;
      total += runs;
      const counts = simulate(SEED * 1_000_003 + cell, runs, pairs, cv, shift);
      if (shift === 0) cells.push(pct((counts.regression + counts.improvement) / runs), pct(counts.unchanged / runs));
      else cells.push(pct(counts.regression / runs));
    }
    rows.push(`| ${pairs} | ${pct(cv)} | ${cells.join(' | ')} |`);
  }
}
const seconds = (performance.now() - started) / 1000;

const headers = ['false pos. at 0%', 'unchanged at 0%', ...SHIFTS.filter((s) => s > 0).map((s) => `−${pct(s)}`)];
console.log(`Detection rate (verdict \`regression\`) of a throughput drop; τ = ${pct(THRESHOLD)}, α = ${ALPHA}, ${SIMS} seeded runs per cell (${10 * SIMS} with no change).`);
console.log('Trial values: median × exp(N(0, cv)), base and head independent. "false pos." counts regression or improvement verdicts when nothing changed.\n');
console.log(`| pairs | trial CV | ${headers.join(' | ')} |`);
console.log(`| ---: | ---: | ${headers.map(() => '---:').join(' | ')} |`);
for (const row of rows) console.log(row);
console.log(`\n${total} simulated comparisons in ${seconds.toFixed(1)} s (Node ${process.version}).`);
