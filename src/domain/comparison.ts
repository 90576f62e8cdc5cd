import type { Better } from './metrics.js';

/** What a comparison concluded (design §1). */
export type Verdict = 'regression' | 'improvement' | 'unchanged' | 'inconclusive';

/** Paired samples of one metric: `base[i]` and `head[i]` were measured back to back (ABBA order). */
export interface PairedSamples {
  base: readonly number[];
  head: readonly number[];
}

/** Statistics of one metric's pairs, before correction across the suite. */
export interface PairedTest {
  /** Pairs used. */
  n: number;
  /** Estimated relative change head/base − 1 (Hodges–Lehmann on log ratios); `null` with no pairs. */
  change: number | null;
  /** Interval for `change` at confidence 1 − α, or `null` when too few pairs. */
  ci: [number, number] | null;
  /** Two-sided p-value of the Wilcoxon signed-rank test on the log ratios; `null` with no pairs. */
  p: number | null;
}

/** base vs head for one metric (design §1, §2.3 `compare --json`). */
export interface MetricComparison {
  metric: string;
  unit: string;
  better: Better;
  base: { median: number; n: number };
  head: { median: number; n: number };
  /** head/base − 1 in the metric's own unit (negative throughput change = slower). */
  change: number | null;
  ci: [number, number] | null;
  /** Holm-adjusted p-value across the suite's verdict metrics. */
  p: number | null;
  /** The smallest change worth reporting, as a fraction, and where it came from. */
  threshold: number;
  thresholdSource: 'history' | 'config';
  verdict: Verdict;
}
