import { detectChangePoints } from '../changepoints/index.js';
import { metricByName } from '../metrics.js';
import type { DetectedChange, SeriesPoint } from './types.js';

export type { DetectedChange } from './types.js';

/** The metrics whose change points the report looks for (the verdict metrics that are not too noisy to trend). */
export const TREND_METRICS = ['throughput', 'latency.p50', 'latency.p99'] as const;

/** z of a two-sided 99% interval. */
const Z99 = 2.576;

/**
 * Change points of every trend metric's series whose first new point lies in `[from, to)`,
 * at least τ of that metric in size (Otava's method; see changepoints/). Largest change first.
 * @param thresholds τ per metric, as fractions
 * @param from, to ISO 8601 times
 */
export function detectTrendChanges(
  series: readonly { benchmark: string; metric: string; points: readonly SeriesPoint[] }[],
  thresholds: Readonly<Record<string, number>>,
  from: string,
  to: string,
): DetectedChange[] {
  const out: DetectedChange[] = [];
  for (const s of series) {
    const def = metricByName(s.metric);
    if (!def || !(TREND_METRICS as readonly string[]).includes(s.metric)) continue;
    const values = s.points.map((p) => p.value);
    const points = detectChangePoints(values, { minMagnitude: thresholds[s.metric] ?? 0.05, maxPValue: trendPValue(values.length) });
    for (const [k, cp] of points.entries()) {
      const at = s.points[cp.index]!;
      if (at.at < from || at.at >= to) continue;
      const start = k === 0 ? 0 : points[k - 1]!.index;
      const end = k + 1 < points.length ? points[k + 1]!.index : values.length;
      const worse = def.better === 'higher' ? cp.change < 0 : cp.change > 0;
      out.push({
        benchmark: s.benchmark,
        metric: s.metric,
        kind: worse ? 'regression' : 'improvement',
        at,
        previous: s.points[cp.index - 1]!,
        before: cp.before,
        after: cp.after,
        change: cp.change,
        ci: changeInterval(values.slice(start, cp.index), values.slice(cp.index, end)),
        p: cp.p,
      });
    }
  }
  return out.sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
}

/**
 * A 99% interval for after/before − 1 from the two segments (normal approximation on the
 * difference of means, divided by the mean before); `null` with fewer than two values a side.
 */
export function changeInterval(before: readonly number[], after: readonly number[]): [number, number] | null {
  if (before.length < 2 || after.length < 2) return null;
  const stats = (xs: readonly number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return { m, v: xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1), n: xs.length };
  };
  const b = stats(before);
  const a = stats(after);
  if (b.m === 0) return null;
  const se = Math.sqrt(b.v / b.n + a.v / a.n);
  return [(a.m - b.m - Z99 * se) / b.m, (a.m - b.m + Z99 * se) / b.m];
}

/**
 * The p a change point must reach in a series of `n` points: Otava's 0.001, divided by the
 * series' length past 50 points. E-Divisive's p is taken after picking the best of many
 * splits, so on long pure-noise series 0.001 reports several blips (about 7 in 8,760 hourly
 * points); 0.05/n reported none on such series and still finds a 5% step (bench:changepoints).
 */
export function trendPValue(n: number): number {
  return Math.min(0.001, 0.05 / Math.max(1, n));
}
