/** Segment means and the pooled two-sample Student t-test in O(1) per segment pair, from prefix sums. Pure. */

import { studentTTwoSidedP } from './student-t.js';

/**
 * Rounding allowance: sums taken as differences of prefix sums carry an absolute error of a few ulps of
 * the prefix sums involved; anything within this many ulps of them is treated as exactly zero.
 */
const ROUNDING_ULPS = 16 * Number.EPSILON;

/**
 * Prefix sums of a series, shifted by its first value so that a series far from zero keeps the
 * precision of its variances (sums of squares of x − shift, not of x).
 */
export interface PrefixSums {
  /** Number of values. */
  length: number;
  /** The value subtracted from every value before summing (the first value, or 0 for an empty series). */
  shift: number;
  /** sum[i] = Σ_{j<i} (x_j − shift); length + 1 entries. */
  sum: Float64Array;
  /** sumSq[i] = Σ_{j<i} (x_j − shift)²; length + 1 entries. */
  sumSq: Float64Array;
}

/** Builds {@link PrefixSums} in O(n). Values must be finite. */
export function prefixSums(values: ArrayLike<number>): PrefixSums {
  const n = values.length;
  const shift = n > 0 ? values[0]! : 0;
  const sum = new Float64Array(n + 1);
  const sumSq = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const d = values[i]! - shift;
    sum[i + 1] = sum[i]! + d;
    sumSq[i + 1] = sumSq[i]! + d * d;
  }
  return { length: n, shift, sum, sumSq };
}

/** Result of {@link compareSegments}, in the unit of the series. */
export interface SegmentComparison {
  /** Mean of the left segment x[start, split). */
  before: number;
  /** Mean of the right segment x[split, end). */
  after: number;
  /** Two-sided p-value of the pooled-variance Student t-test of equal means. */
  p: number;
}

/**
 * Compares the segments x[start, split) and x[split, end) with the two-sided Student t-test assuming equal
 * variances (pooled, df = n₁ + n₂ − 2), as Apache Otava does (`scipy.stats.ttest_ind_from_stats`).
 *
 * The segment variances are the unbiased sample variances (ddof = 1), as the Student t-test wants. Otava
 * passes population standard deviations (NumPy's default ddof = 0) where SciPy expects ddof = 1, which
 * overstates t, the more so the shorter the segments; `ddof = 0` reproduces that.
 * When both segments are constant (pooled variance zero to within rounding) p is 0 if the means differ
 * and 1 if they are equal (SciPy gives 0 and `NaN`). With only two values in all, p is 1 (as Otava).
 *
 * @param sums prefix sums of the series
 * @param start first index of the left segment
 * @param split first index of the right segment; start < split < end
 * @param end one past the last index of the right segment, ≤ sums.length
 * @param ddof 1 for the sample variances (default), 0 for Otava's population variances
 * @returns the two means and p; `null` when a segment would be empty or the bounds are outside the series.
 */
export function compareSegments(
  sums: PrefixSums,
  start: number,
  split: number,
  end: number,
  ddof: 0 | 1 = 1,
): SegmentComparison | null {
  if (!(start >= 0 && start < split && split < end && end <= sums.length)) return null;
  const { sum, sumSq, shift } = sums;
  const n1 = split - start;
  const n2 = end - split;
  const s1 = sum[split]! - sum[start]!;
  const s2 = sum[end]! - sum[split]!;
  const d1 = s1 / n1;
  const d2 = s2 / n2;
  const before = shift + d1;
  const after = shift + d2;
  const df = n1 + n2 - 2;
  if (df <= 0) return { before, after, p: 1 };

  // Sums of squared deviations from each segment's mean; one value has none.
  const ss1 = n1 > 1 ? Math.max(0, sumSq[split]! - sumSq[start]! - s1 * d1) : 0;
  const ss2 = n2 > 1 ? Math.max(0, sumSq[end]! - sumSq[split]! - s2 * d2) : 0;
  const ssFloor = ROUNDING_ULPS * (Math.abs(sumSq[start]!) + Math.abs(sumSq[split]!) + Math.abs(sumSq[end]!));
  const diff = d2 - d1;
  if (ss1 + ss2 <= ssFloor) {
    const leftSums = Math.abs(sum[start]!) + Math.abs(sum[split]!);
    const rightSums = Math.abs(sum[split]!) + Math.abs(sum[end]!);
    const diffFloor = ROUNDING_ULPS * (leftSums / n1 + rightSums / n2);
    return { before, after, p: Math.abs(diff) <= diffFloor ? 1 : 0 };
  }
  // ddof = 1: (n₁ − 1)·s₁² + (n₂ − 1)·s₂² = ss₁ + ss₂; ddof = 0 puts population variances ssᵢ/nᵢ in place of sᵢ².
  const pooledVariance = (ddof === 1 ? ss1 + ss2 : ((n1 - 1) * ss1) / n1 + ((n2 - 1) * ss2) / n2) / df;
  const t = diff / Math.sqrt(pooledVariance * (1 / n1 + 1 / n2));
  return { before, after, p: studentTTwoSidedP(t, df) };
}

/**
 * Relative change of the mean from `before` to `after`: after/before − 1.
 * @returns the relative change; 0 when both are 0; ±`Infinity` (the sign of `after`) when only `before` is 0.
 */
export function relativeChange(before: number, after: number): number {
  if (before === 0) return after === 0 ? 0 : after > 0 ? Infinity : -Infinity;
  return after / before - 1;
}
