/** The Wilcoxon signed-rank test. Pure. */

import { EXACT_MAX_N, signedRankExactP, signedRankNormalP } from './signed-rank-distribution.js';

/** Result of {@link signedRankTest}. */
export interface SignedRankResult {
  /** Nonzero finite differences used. */
  n: number;
  /** V: the sum of the ranks of the positive differences (what R reports); mid-ranks with ties. */
  statistic: number;
  /** Two-sided p-value of median(d) = 0. */
  p: number;
  /** Whether `p` is exact (n ≤ 50) or from the normal approximation. */
  exact: boolean;
}

/**
 * Two-sided Wilcoxon signed-rank test of median(d) = 0.
 *
 * Zeros are dropped, as R's `wilcox.test` does, and so are non-finite values. Ties in |d| get average
 * ranks. For n ≤ 50 the p-value is exact: the null distribution is built by dynamic programming over
 * doubled ranks, so with ties it is the exact permutation distribution conditional on the ties (R
 * switches to the normal approximation as soon as there is a tie or n ≥ 50; without ties and n < 50 both
 * agree). For n > 50 it is the normal approximation with the tie-corrected variance and a continuity
 * correction, as in R.
 *
 * @param d differences (any unit; only signs and the ranks of |d| matter)
 * @returns n, V and the two-sided p; `null` when there is no nonzero finite difference.
 */
export function signedRankTest(d: readonly number[]): SignedRankResult | null {
  const x = d.filter((v) => v !== 0 && Number.isFinite(v));
  const n = x.length;
  if (n === 0) return null;

  const order = x.map((_, i) => i).sort((a, b) => Math.abs(x[a]!) - Math.abs(x[b]!));
  const doubledRanks = new Array<number>(n).fill(0);
  const tieSizes: number[] = [];
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && Math.abs(x[order[end + 1]!]!) === Math.abs(x[order[start]!]!)) end++;
    // Positions start..end (0-based) share ranks start+1..end+1, whose average doubled is start+end+2.
    for (let k = start; k <= end; k++) doubledRanks[order[k]!] = start + end + 2;
    if (end > start) tieSizes.push(end - start + 1);
    start = end + 1;
  }

  let positiveDoubled = 0;
  x.forEach((v, i) => {
    if (v > 0) positiveDoubled += doubledRanks[i]!;
  });
  const statistic = positiveDoubled / 2;

  if (n <= EXACT_MAX_N) {
    return { n, statistic, p: signedRankExactP(doubledRanks, positiveDoubled), exact: true };
  }
  return { n, statistic, p: signedRankNormalP(n, statistic, tieSizes), exact: false };
}
