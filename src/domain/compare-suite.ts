import type { MetricComparison } from './comparison.js';
import { median } from './descriptive.js';
import { METRICS } from './metrics.js';
import { compareMetrics, type MetricInput } from './stats/index.js';
import type { TrialResult } from './trial.js';

/** The ok pairs of one benchmark: `base[i]` and `head[i]` ran back to back. */
export interface BenchmarkPairs {
  key: string;
  pairs: readonly { base: TrialResult; head: TrialResult }[];
}

/** τ for a metric of a benchmark, and where it came from. */
export type ThresholdFor = (benchmarkKey: string, metric: string) => { value: number; source: 'history' | 'config' };

/**
 * Compares every metric of every benchmark in one family: p-values of the verdict metrics
 * are Holm-adjusted across the whole suite (design §5). A metric is compared only when every
 * pair has it on both sides (latency is absent for pipelines).
 * @returns comparisons per benchmark key, verdict metrics first, in METRICS order
 */
export function compareSuite(benchmarks: readonly BenchmarkPairs[], thresholdFor: ThresholdFor, alpha: number): Map<string, MetricComparison[]> {
  const inputs: MetricInput[] = [];
  const owners: string[] = [];
  for (const b of benchmarks) {
    if (b.pairs.length === 0) continue;
    for (const metric of METRICS) {
      const base = b.pairs.map((p) => metric.read(p.base));
      const head = b.pairs.map((p) => metric.read(p.head));
      if (base.some((v) => v === null) || head.some((v) => v === null)) continue;
      const threshold = thresholdFor(b.key, metric.name);
      inputs.push({
        metric: metric.name,
        unit: metric.unit,
        better: metric.better,
        verdict: metric.verdict,
        samples: { base: base as number[], head: head as number[] },
        threshold: threshold.value,
        thresholdSource: threshold.source,
      });
      owners.push(b.key);
    }
  }
  const results = compareMetrics(inputs, alpha);
  const byBenchmark = new Map<string, MetricComparison[]>(benchmarks.map((b) => [b.key, []]));
  results.forEach((c, i) => byBenchmark.get(owners[i]!)!.push(c));
  return byBenchmark;
}

/** The stage with the largest median busy share over trials, or `null` for non-pipelines. */
export function medianBottleneck(results: readonly TrialResult[]): { stage: string; share: number } | null {
  const names = results[0]?.stages?.map((s) => s.name);
  if (!names || names.length === 0) return null;
  let best: { stage: string; share: number } | null = null;
  for (const stage of names) {
    const share = median(results.map((r) => r.stages?.find((s) => s.name === stage)?.share ?? 0)) ?? 0;
    if (!best || share > best.share) best = { stage, share };
  }
  return best;
}

/**
 * Relative deltas between adjacent results of a series (`x[i+1] / x[i] − 1`), the input of a
 * threshold learned from history.
 */
export function relativeDeltas(series: readonly number[]): number[] {
  const deltas: number[] = [];
  for (let i = 1; i < series.length; i++) if (series[i - 1]! > 0) deltas.push(series[i]! / series[i - 1]! - 1);
  return deltas;
}
