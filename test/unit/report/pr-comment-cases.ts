/** The reports whose rendered PR comments are kept as snapshot files. */
import type { CompareReport } from '../../../src/domain/compare-report.js';
import { BASE_SHA, failedBenchmark, makeReport, newBenchmark, okBenchmark } from './compare-fixtures.js';

const unchanged = () => [
  okBenchmark('csv-split', { throughput: { base: 410_000, change: 0.003, ci: [-0.009, 0.015] } }),
  okBenchmark('hash-partition', { throughput: { base: 1_850_000, change: -0.007, ci: [-0.016, 0.002] } }),
  okBenchmark('micro-batcher', { throughput: { base: 64_200, change: 0.001, ci: [-0.011, 0.013] } }),
];

/** Snapshot name → report. */
export const COMMENT_CASES: Record<string, () => CompareReport> = {
  'one-regression': () =>
    makeReport([
      okBenchmark(
        'ndjson-parse',
        {
          throughput: { base: 120_000, change: -0.061, ci: [-0.074, -0.049], verdict: 'regression' },
          'latency.p50': { base: 0.81, change: 0.031, ci: [0.012, 0.049], verdict: 'inconclusive' },
          cpu: { base: 8.2, change: 0.064 },
        },
        { pairs: 20 },
      ),
      ...unchanged(),
    ]),
  'no-change': () => makeReport(unchanged(), { pairs: { initial: 10, max: 40, used: 10 } }),
  'improvements-only': () =>
    makeReport([
      okBenchmark('ndjson-parse', {
        throughput: { base: 120_000, change: 0.184, ci: [0.162, 0.207], verdict: 'improvement' },
        'latency.p99': { base: 2.4, change: -0.21, ci: [-0.26, -0.15], verdict: 'improvement' },
      }),
      okBenchmark('csv-split', { throughput: { base: 410_000, change: 0.052, ci: [0.038, 0.066], verdict: 'improvement' } }),
      okBenchmark('hash-partition'),
    ]),
  'inconclusive-only': () =>
    makeReport(
      [
        okBenchmark('worker-pool', { throughput: { base: 88_000, change: -0.024, ci: [-0.051, 0.004], verdict: 'inconclusive' } }),
        okBenchmark('tumbling-window', { 'latency.p99': { base: 3.1, change: 0.07, ci: null, verdict: 'inconclusive' } }),
        okBenchmark('csv-split'),
      ],
      { pairs: { initial: 10, max: 40, used: 40 } },
    ),
  'failed-and-new': () =>
    makeReport(
      [
        okBenchmark('csv-split'),
        failedBenchmark('ndjson-parse', 'head', "setup() threw: TypeError: Cannot read properties of undefined (reading 'split')"),
        failedBenchmark('bounded-queue', 'both', "timeout: made no progress for 10 s during measure; process group killed (3 of 10 trials failed)"),
        newBenchmark('stream-join', { throughput: 245_000, 'latency.p50': 0.42, 'latency.p99': 1.9, 'latency.p999': 4.4 }, "base: Cannot find module '../src/join.js'"),
      ],
      { trials: { run: 46, reused: 0 } },
    ),
  'merge-base-fallback': () =>
    makeReport(unchanged(), {
      base: { sha: BASE_SHA, ref: 'release/2.x', subject: null },
      mergeBase: { sha: BASE_SHA, fallback: true, warning: 'git merge-base found no common ancestor (shallow clone?).' },
      warnings: ['Dependencies of base reused from the install cache (lockfile unchanged).'],
    }),
  'bottleneck-moved': () =>
    makeReport([
      okBenchmark(
        'ndjson-pipeline',
        {
          throughput: { base: 96_500, change: -0.118, ci: [-0.139, -0.097], verdict: 'regression' },
          'latency.p50': null,
          'latency.p99': null,
          'latency.p999': null,
          cpu: { base: 11.4, change: 0.131 },
        },
        { bottleneck: { base: { stage: 'parse', share: 0.48 }, head: { stage: 'serialize', share: 0.61 } } },
      ),
      okBenchmark(
        'hash-partition',
        { 'latency.p50': null, 'latency.p99': null, 'latency.p999': null },
        { bottleneck: { base: { stage: 'hash', share: 0.45 }, head: { stage: 'hash', share: 0.71 } } },
      ),
      okBenchmark('csv-split', {}, { bottleneck: { base: { stage: 'split', share: 0.62 }, head: { stage: 'split', share: 0.6 } } }),
    ]),
};
