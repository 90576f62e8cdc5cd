// Change-point detection cost for the weekly report: Otava's E-Divisive means with a t-test
// (dist/domain/changepoints) over 50 series of 8760 hourly points (a year) each, with a few planted
// steps of 3–15% in 3% multiplicative noise. Prints the total and per-series time, and how many
// planted steps were found within ±3 points and how many other points were reported.
// Deterministic: series s has seed s. Build first: `npm run build`.
// Options: --series N (default 50), --points N (default 8760), --steps N per series (default 4),
//   --window N, --max-p P, --tau T (the detector's options; defaults are its own), --otava (otavaCompatible).
import { parseArgs } from 'node:util';
import { detectChangePoints } from '../../dist/domain/changepoints/index.js';
import { gaussian, mulberry32 } from '../../dist/domain/random.js';

const { values } = parseArgs({
  options: {
    series: { type: 'string', default: '50' },
    points: { type: 'string', default: '8760' },
    steps: { type: 'string', default: '4' },
    window: { type: 'string' },
    'max-p': { type: 'string' },
    tau: { type: 'string' },
    otava: { type: 'boolean', default: false },
  },
});
const SERIES = Number(values.series);
const POINTS = Number(values.points);
const STEPS = Number(values.steps);
const options = {
  ...(values.window !== undefined && { window: Number(values.window) }),
  ...(values['max-p'] !== undefined && { maxPValue: Number(values['max-p']) }),
  ...(values.tau !== undefined && { minMagnitude: Number(values.tau) }),
  ...(values.otava && { otavaCompatible: true }),
};

/** A series with `STEPS` steps at random places (at least 200 points apart) and sizes ±3–15%. */
function makeSeries(seed) {
  const uniform = mulberry32(seed);
  const normal = gaussian(mulberry32(seed + 1_000_000));
  const at = [];
  while (at.length < STEPS) {
    const i = 100 + Math.floor(uniform() * (POINTS - 200));
    if (at.every((j) => Math.abs(i - j) >= 200)) at.push(i);
  }
  at.sort((a, b) => a - b);
  const factors = at.map(() => (uniform() < 0.5 ? -1 : 1) * (0.03 + 0.12 * uniform()));
  const x = new Array(POINTS);
  let level = 1000;
  for (let i = 0, k = 0; i < POINTS; i++) {
    while (k < at.length && at[k] === i) level *= 1 + factors[k++];
    x[i] = level * (1 + 0.03 * normal());
  }
  return { x, at };
}

const inputs = Array.from({ length: SERIES }, (_, s) => makeSeries(s + 1));
for (const { x } of inputs.slice(0, 5)) detectChangePoints(x, options); // warm up the JIT

let found = 0;
let planted = 0;
let extra = 0;
const times = [];
const start = performance.now();
for (const { x, at } of inputs) {
  const t0 = performance.now();
  const cps = detectChangePoints(x, options);
  times.push(performance.now() - t0);
  planted += at.length;
  found += at.filter((i) => cps.some((c) => Math.abs(c.index - i) <= 3)).length;
  extra += cps.filter((c) => !at.some((i) => Math.abs(c.index - i) <= 3)).length;
}
const total = performance.now() - start;
times.sort((a, b) => a - b);

console.log(`detectChangePoints ${JSON.stringify(options)}: ${SERIES} series × ${POINTS} points, ${STEPS} steps each`);
console.log(`total ${total.toFixed(0)} ms, per series ${(total / SERIES).toFixed(2)} ms (median ${times[times.length >> 1].toFixed(2)}, max ${times.at(-1).toFixed(2)})`);
console.log(`planted steps found within ±3 points: ${found}/${planted}; other change points reported: ${extra} (${(extra / SERIES).toFixed(1)} per series)`);
