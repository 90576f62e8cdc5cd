/** Deterministic `CompareReport` fixtures for report tests. */
import type { BenchmarkComparison, CompareReport, Side } from '../../../src/domain/compare-report.js';
import type { MetricComparison, Verdict } from '../../../src/domain/comparison.js';
import { metricByName } from '../../../src/domain/metrics.js';
import { mulberry32 } from '../../../src/domain/random.js';
import { countVerdicts } from '../../../src/report/comment-model.js';

export const BASE_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const HEAD_SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
export const MERGE_BASE_SHA = '3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d';

const THRESHOLDS: Record<string, number> = { throughput: 0.02, 'latency.p50': 0.05, 'latency.p99': 0.1, 'latency.p999': 0.1, cpu: 0.05, rss: 0.05 };
const P_BY_VERDICT: Record<Verdict, number> = { regression: 0.0004, improvement: 0.0008, unchanged: 0.62, inconclusive: 0.03 };

export interface MetricSpec {
  base: number;
  /** head/base − 1; `null` for no pairs. */
  change: number | null;
  /** Defaults to change ± 1.2%. */
  ci?: [number, number] | null;
  verdict?: Verdict;
  n?: number;
}

/** One metric comparison; the head median follows from `base` and `change`. */
export function metric(name: string, spec: MetricSpec): MetricComparison {
  const def = metricByName(name);
  if (!def) throw new Error(`unknown metric ${name}`);
  const verdict = spec.verdict ?? 'unchanged';
  const { change } = spec;
  const ci = spec.ci !== undefined ? spec.ci : change === null ? null : ([change - 0.012, change + 0.012] as [number, number]);
  const n = spec.n ?? 10;
  return {
    metric: name,
    unit: def.unit,
    better: def.better,
    base: { median: spec.base, n },
    head: { median: change === null ? spec.base : spec.base * (1 + change), n },
    change,
    ci,
    p: change === null ? null : P_BY_VERDICT[verdict],
    threshold: THRESHOLDS[name] ?? 0.05,
    thresholdSource: 'config',
    verdict,
  };
}

const DEFAULTS: Record<string, MetricSpec> = {
  throughput: { base: 120_000, change: 0.004, ci: [-0.008, 0.016] },
  'latency.p50': { base: 0.81, change: -0.006, ci: [-0.021, 0.009] },
  'latency.p99': { base: 2.4, change: 0.012, ci: [-0.03, 0.05] },
  'latency.p999': { base: 6.2, change: -0.018, ci: [-0.07, 0.04] },
  cpu: { base: 9.5, change: 0.003, ci: [-0.01, 0.016] },
  rss: { base: 52 * 1024 ** 2, change: 0.01, ci: [-0.004, 0.024] },
};

/** Overrides per metric name; `null` leaves a metric out. A `change` without `ci` gets change ± 1.2%. */
export type MetricOverrides = Partial<Record<string, Partial<MetricSpec> | null>>;

/** A compared benchmark with all six metrics, unchanged unless overridden. */
export function okBenchmark(name: string, overrides: MetricOverrides = {}, extra: Partial<BenchmarkComparison> = {}): BenchmarkComparison {
  const metrics = Object.entries(DEFAULTS).flatMap(([metricName, defaults]) => {
    const override = overrides[metricName];
    if (override === null) return [];
    const spec: MetricSpec = { ...defaults, ...override };
    if (override?.change !== undefined && override.ci === undefined) delete spec.ci;
    return [metric(metricName, spec)];
  });
  return { name, status: 'ok', error: null, failedSide: null, metrics, bottleneck: null, pairs: 10, ...extra };
}

/** A benchmark that failed on one side or both. */
export function failedBenchmark(name: string, failedSide: Side | 'both', error: string): BenchmarkComparison {
  return { name, status: 'failed', error, failedSide, metrics: [], bottleneck: null, pairs: 0 };
}

/** A benchmark measured at head only, with head values for the metrics given. */
export function newBenchmark(name: string, head: Record<string, number>, error: string | null = null): BenchmarkComparison {
  const metrics = Object.entries(head).map(([metricName, value]): MetricComparison => {
    const m = metric(metricName, { base: 0, change: null, n: 0, verdict: 'inconclusive' });
    return { ...m, head: { median: value, n: 5 } };
  });
  return { name, status: 'new', error, failedSide: null, metrics, bottleneck: null, pairs: 0 };
}

/** A report over the benchmarks; its summary counts them as the comment does. */
export function makeReport(benchmarks: BenchmarkComparison[], overrides: Partial<CompareReport> = {}): CompareReport {
  return {
    repository: 'acme/stream-kit',
    base: { sha: BASE_SHA, ref: 'main', subject: 'Merge pull request #41' },
    head: { sha: HEAD_SHA, ref: 'feature/faster-parse', subject: 'Parse NDJSON without split()' },
    mergeBase: { sha: MERGE_BASE_SHA, fallback: false, warning: null },
    fingerprint: { runner: 'gh-linux-2', cpu: 'AMD EPYC 7763', cores: 2, node: 'v20.20.2', harness: '1', pinning: 'taskset:1' },
    benchmarks,
    summary: countVerdicts(benchmarks),
    alpha: 0.01,
    pairs: { initial: 10, max: 40, used: 20 },
    trials: { run: 160, reused: 40 },
    durationMs: 252_400,
    warnings: [],
    failOn: 'regression',
    ...overrides,
  };
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same fixtures. */
export const seededRandom = mulberry32;

const VERDICTS: readonly Verdict[] = ['regression', 'improvement', 'unchanged', 'inconclusive'];
const VERDICT_METRICS = ['throughput', 'latency.p50', 'latency.p99', 'latency.p999'];

/** A random report: benchmarks with random verdicts per metric, some failed, some new. */
export function randomReport(seed: number, benchmarks: number): CompareReport {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const list: BenchmarkComparison[] = [];
  for (let i = 0; i < benchmarks; i++) {
    const name = `bench-${seed}-${i}`;
    const roll = random();
    if (roll < 0.05) {
      list.push(failedBenchmark(name, pick(['base', 'head', 'both'] as const), `setup() threw: error ${i}`));
      continue;
    }
    if (roll < 0.08) {
      list.push(newBenchmark(name, { throughput: 50_000 + i }));
      continue;
    }
    const overrides: MetricOverrides = {};
    for (const m of VERDICT_METRICS) {
      if (random() < 0.1) {
        overrides[m] = null;
        continue;
      }
      const verdict = pick(VERDICTS);
      const size = Math.round(random() * 300) / 1000;
      const worse = metricByName(m)!.better === 'higher' ? -1 : 1;
      const sign = verdict === 'regression' ? worse : verdict === 'improvement' ? -worse : random() < 0.5 ? -1 : 1;
      const change = verdict === 'unchanged' ? sign * size * 0.05 : sign * size;
      overrides[m] = { change, verdict, ...(random() < 0.1 ? { ci: null } : {}) };
    }
    list.push(okBenchmark(name, overrides));
  }
  return makeReport(list);
}
