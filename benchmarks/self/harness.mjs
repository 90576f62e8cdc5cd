// npm run bench:harness — measures perfbot's own harness, side by side in one run:
//  1. harness cost: a no-op `handle` driven by the closed loop, with and without latency
//     recording, against a bare loop making the same calls (ns per message);
//  2. trial-to-trial noise: the coefficient of variation of throughput of every suite
//     benchmark over N fresh trial processes (default 5; --trials N).
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { runClosedLoop } from '../../dist/harness/closed-loop.js';
import { LatencyRecorder } from '../../dist/harness/latency.js';
import { ProcessTrialRunner } from '../../dist/adapters/runner/process-trial-runner.js';
import { discoverSuite } from '../../dist/adapters/suite/discovery.js';
import { DEFAULT_TRIAL_OPTIONS } from '../../dist/domain/trial-options.js';
import { coefficientOfVariation, median, standardDeviation } from '../../dist/domain/descriptive.js';

const { values } = parseArgs({ options: { trials: { type: 'string', default: '5' }, rounds: { type: 'string', default: '9' } } });
const TRIALS = Number(values.trials);
const ROUNDS = Number(values.rounds);
const WINDOW_MS = 300;

const message = (i) => i;
const handle = (payload) => payload;

function bareLoop() {
  let sink = 0;
  let i = 0;
  const start = performance.now();
  const deadline = start + WINDOW_MS;
  let t = start;
  while (t < deadline) {
    for (let k = 0; k < 1024; k++, i++) sink ^= handle(message(i));
    t = performance.now();
  }
  if (sink === 0.5) console.log(sink);
  return (t - start) * 1e6 / i;
}

async function harnessLoop(latency) {
  const out = await runClosedLoop({
    handle, message, ctx: undefined, firstIndex: 0, durationMs: WINDOW_MS, minMessages: 1, concurrency: 1,
    recorder: latency ? new LatencyRecorder() : null, progress: { messages: 0 },
  });
  return out.elapsedMs * 1e6 / out.messages;
}

function clockCosts() {
  const n = 2_000_000;
  let s = 0;
  let t = performance.now();
  for (let i = 0; i < n; i++) s += performance.now();
  const nowNs = (performance.now() - t) * 1e6 / n;
  const rec = new LatencyRecorder();
  t = performance.now();
  for (let i = 0; i < n; i++) rec.record((i & 1023) / 1e6);
  const recordNs = (performance.now() - t) * 1e6 / n;
  return { nowNs, recordNs, s };
}

const fmt = (x, d = 1) => x.toFixed(d).padStart(8);
console.log(`# perfbot bench:harness · Node ${process.version} · ${ROUNDS} rounds of ${WINDOW_MS} ms per variant, interleaved\n`);
const samples = { bare: [], noLatency: [], latency: [] };
for (let r = 0; r < ROUNDS; r++) {
  samples.bare.push(bareLoop());
  samples.noLatency.push(await harnessLoop(false));
  samples.latency.push(await harnessLoop(true));
}
const bare = median(samples.bare);
const noLat = median(samples.noLatency);
const lat = median(samples.latency);
const costs = clockCosts();
console.log('## 1. harness cost per message (no-op handle, closed loop, concurrency 1)\n');
console.log('| variant                      |  ns/msg | ratio to bare | harness cost ns/msg |');
console.log('| ---------------------------- | ------: | ------------: | ------------------: |');
console.log(`| bare loop, same calls        | ${fmt(bare)} |         1.00× |                   — |`);
console.log(`| harness, no latency recording| ${fmt(noLat)} | ${fmt(noLat / bare, 2)}×     | ${fmt(noLat - bare).padStart(19)} |`);
console.log(`| harness, latency recording   | ${fmt(lat)} | ${fmt(lat / bare, 2)}×     | ${fmt(lat - bare).padStart(19)} |`);
console.log(`\nparts: performance.now() ${costs.nowNs.toFixed(1)} ns · HDR record ${costs.recordNs.toFixed(1)} ns (target: harness cost ≤ 150 ns/msg with latency recording: ${lat - bare <= 150 ? 'met' : 'MISSED'})\n`);

console.log(`## 2. trial-to-trial noise (${TRIALS} fresh processes per benchmark, round-robin)\n`);
const suiteDir = fileURLToPath(new URL('../', import.meta.url));
const targets = await discoverSuite(suiteDir, ['*.bench.mjs']);
const runner = new ProcessTrialRunner();
const results = targets.map(() => []);
const failures = targets.map(() => []);
for (let t = 0; t < TRIALS; t++) {
  for (const [i, target] of targets.entries()) {
    const o = await runner.run({ file: target.file, cwd: suiteDir, defaults: DEFAULT_TRIAL_OPTIONS });
    if (o.kind === 'ok') results[i].push(o.result.throughput);
    else failures[i].push(o.reason);
    process.stderr.write(`\r[${t * targets.length + i + 1}/${TRIALS * targets.length}] ${target.name}          `);
  }
}
process.stderr.write('\r\x1b[2K');
console.log('| benchmark                 | median msg/s |  CV   | SD of pair log ratio | CV ≤ 3% |');
console.log('| ------------------------- | -----------: | ----: | -------------------: | :-----: |');
for (const [i, target] of targets.entries()) {
  const xs = results[i];
  if (xs.length < 2) {
    console.log(`| ${target.name.padEnd(25)} | failed: ${failures[i][0] ?? 'too few trials'} |`);
    continue;
  }
  const cv = coefficientOfVariation(xs);
  const pairs = [];
  for (let k = 0; k + 1 < xs.length; k += 2) pairs.push(Math.log(xs[k + 1] / xs[k]));
  const pairSd = pairs.length >= 2 ? standardDeviation(pairs) : Math.SQRT2 * cv;
  console.log(`| ${target.name.padEnd(25)} | ${Math.round(median(xs)).toLocaleString('en-US').padStart(12)} | ${(cv * 100).toFixed(1).padStart(4)}% | ${(pairSd * 100).toFixed(1).padStart(19)}% | ${cv <= 0.03 ? '  yes  ' : '  no   '} |`);
}
console.log(`\nThe pair column is the noise a paired base/head comparison sees per pair (from ${Math.floor(TRIALS / 2)} pairs of consecutive trials; √2·CV when fewer than 2 pairs).`);
