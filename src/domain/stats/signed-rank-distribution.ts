/** The null distribution of the Wilcoxon signed-rank statistic: exact counts and its normal approximation. Pure. */

import { normalCdf, normalQuantile } from './normal.js';

/** Largest number of nonzero differences for which p-values and critical values are computed exactly. */
export const EXACT_MAX_N = 50;

/**
 * Exact null distribution of a signed-rank sum, by dynamic programming over the 2ⁿ equally likely sign
 * assignments. With ties, pass doubled mid-ranks (always integers) and the result is the exact
 * permutation distribution conditional on the ties.
 * @param scores non-negative integer scores, one per nonzero difference (ranks 1..n, or doubled mid-ranks)
 * @returns `counts` where `counts[s]` is how many sign assignments give a sum of positive scores equal to s;
 *   the counts are exact integers (they sum to 2ⁿ, representable exactly for n ≤ 53).
 * @throws RangeError when a score is not a non-negative integer.
 */
export function signedRankCounts(scores: readonly number[]): number[] {
  let total = 0;
  for (const s of scores) {
    if (!Number.isInteger(s) || s < 0) throw new RangeError(`signed-rank score must be a non-negative integer, got ${s}`);
    total += s;
  }
  const counts = new Array<number>(total + 1).fill(0);
  counts[0] = 1;
  let reach = 0;
  for (const s of scores) {
    for (let v = reach; v >= 0; v--) {
      const c = counts[v]!;
      if (c !== 0) counts[v + s] = counts[v + s]! + c;
    }
    reach += s;
  }
  return counts;
}

/**
 * Exact two-sided p-value of a signed-rank sum: 2·min(P(S ≤ s), P(S ≥ s)), capped at 1.
 * @param scores the integer scores (see {@link signedRankCounts}); at most 53 of them
 * @param positiveSum sum of the scores of the positive differences (same units as `scores`)
 * @returns a probability in (0, 1].
 */
export function signedRankExactP(scores: readonly number[], positiveSum: number): number {
  const counts = signedRankCounts(scores);
  let below = 0;
  let above = 0;
  let total = 0;
  counts.forEach((c, s) => {
    total += c;
    if (s <= positiveSum) below += c;
    if (s >= positiveSum) above += c;
  });
  return Math.min(1, (2 * Math.min(below, above)) / total);
}

/**
 * Normal-approximation two-sided p-value of the signed-rank statistic V, as R's `wilcox.test`
 * computes it: variance reduced for ties, continuity correction of ½ towards the mean.
 * @param n number of nonzero differences (≥ 1)
 * @param v sum of the (mid-)ranks of the positive differences
 * @param tieSizes sizes of the groups of tied |d| (groups of one may be omitted)
 * @returns a probability in [0, 1]; 1 when the variance is zero.
 */
export function signedRankNormalP(n: number, v: number, tieSizes: readonly number[] = []): number {
  let tieTerm = 0;
  for (const t of tieSizes) tieTerm += t * t * t - t;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
  if (!(variance > 0)) return 1;
  const diff = v - (n * (n + 1)) / 4;
  const z = (diff - 0.5 * Math.sign(diff)) / Math.sqrt(variance);
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/**
 * Lower quantile of the untied signed-rank statistic V for n differences (R's `qsignrank`): the smallest
 * integer q with P(V ≤ q) ≥ `prob`. Exact for n ≤ {@link EXACT_MAX_N}; beyond, from the normal
 * approximation with continuity correction, q = ⌈n(n+1)/4 − ½ + σ·Φ⁻¹(prob)⌉ with σ² = n(n+1)(2n+1)/24.
 * @param n number of differences (≥ 0)
 * @param prob probability in (0, 1)
 * @returns an integer in 0..n(n+1)/2.
 */
export function signedRankQuantile(n: number, prob: number): number {
  const max = (n * (n + 1)) / 2;
  if (n <= EXACT_MAX_N) {
    const ranks = Array.from({ length: n }, (_, i) => i + 1);
    const counts = signedRankCounts(ranks);
    const total = 2 ** n;
    // Same fuzz as R, so a probability that equals a cumulative step exactly is not missed by rounding.
    const target = prob - 10 * Number.EPSILON;
    let cumulative = 0;
    for (let q = 0; q <= max; q++) {
      cumulative += counts[q]!;
      if (cumulative / total >= target) return q;
    }
    return max;
  }
  const mean = (n * (n + 1)) / 4;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
  const q = Math.ceil(mean - 0.5 + sd * normalQuantile(prob));
  return Math.min(max, Math.max(0, q));
}
