/** Compares every metric of a suite at once, with Holm correction across the verdict metrics. Pure. */

import type { MetricComparison, PairedSamples, PairedTest } from '../comparison.js';
import { median } from '../descriptive.js';
import type { Better } from '../metrics.js';
import { holmAdjust } from './holm.js';
import { pairedTest } from './paired.js';
import { decideVerdict } from './verdict.js';

/** One metric of one benchmark, ready to compare. */
export interface MetricInput {
  metric: string;
  unit: string;
  better: Better;
  /** Whether the metric gets a verdict and belongs to the Holm family; otherwise it is informational. */
  verdict: boolean;
  samples: PairedSamples;
  /** τ as a fraction (0.02 = 2%). */
  threshold: number;
  thresholdSource: 'history' | 'config';
}

function side(values: readonly number[]): { median: number; n: number } {
  const finite = values.filter((v) => Number.isFinite(v));
  return { median: median(finite) ?? NaN, n: finite.length };
}

/**
 * Compares base and head for every input (design §5). Each input gets {@link pairedTest}; the p-values of
 * the inputs with `verdict: true` — pass the whole suite's verdict metrics in one call — are
 * Holm-adjusted as one family, and the verdict uses the adjusted p. Informational inputs
 * (`verdict: false`) are not part of the family: they report their raw p and get a verdict from it too,
 * which callers should show as a delta only.
 *
 * @param inputs metrics to compare, in report order
 * @param alpha family-wise significance level, e.g. 0.01; intervals are at confidence 1 − alpha (not adjusted)
 * @returns one comparison per input, in input order. `base`/`head` hold the median and count of each
 *   side's finite values (median `NaN` when a side has none); change and ci are fractions.
 */
export function compareMetrics(inputs: readonly MetricInput[], alpha: number): MetricComparison[] {
  const tests: PairedTest[] = inputs.map((input) => pairedTest(input.samples, alpha));
  const familyIndex: number[] = [];
  inputs.forEach((input, i) => {
    if (input.verdict) familyIndex.push(i);
  });
  const adjusted = holmAdjust(familyIndex.map((i) => tests[i]!.p));
  const p: (number | null)[] = tests.map((t) => t.p);
  familyIndex.forEach((i, k) => {
    p[i] = adjusted[k] ?? null;
  });

  return inputs.map((input, i) => {
    const test = tests[i]!;
    const pi = p[i] ?? null;
    return {
      metric: input.metric,
      unit: input.unit,
      better: input.better,
      base: side(input.samples.base),
      head: side(input.samples.head),
      change: test.change,
      ci: test.ci,
      p: pi,
      threshold: input.threshold,
      thresholdSource: input.thresholdSource,
      verdict: decideVerdict({
        change: test.change,
        ci: test.ci,
        p: pi,
        better: input.better,
        threshold: input.threshold,
        alpha,
      }),
    };
  });
}
