/** The Hodges–Lehmann one-sample location estimate and its signed-rank confidence interval. Pure. */

import { signedRankQuantile } from './signed-rank-distribution.js';

/** Result of {@link hodgesLehmann}, in the unit of the input. */
export interface HodgesLehmannResult {
  /** Median of the Walsh averages. */
  estimate: number;
  /** Lower confidence bound, or `null` when too few values to reach the confidence. */
  lower: number | null;
  /** Upper confidence bound, or `null` when too few values to reach the confidence. */
  upper: number | null;
}

/**
 * Hodges–Lehmann estimate of the centre of a symmetric distribution: the median of the n(n+1)/2 Walsh
 * averages (dᵢ + dⱼ)/2, i ≤ j, with the distribution-free interval that inverts the signed-rank test:
 * the k-th smallest and k-th largest Walsh averages, k = qsignrank((1 − confidence)/2, n) as in R's
 * `wilcox.test(conf.int = TRUE)` (exact for n ≤ 50, normal approximation with continuity correction
 * beyond). Coverage is at least `confidence` (the exact distribution is discrete).
 *
 * Differences from R: all finite values are used, zeros included (R drops zeros first when testing 0),
 * and with ties k still comes from the untied distribution (R then switches to an asymptotic root search).
 * All Walsh averages are materialised and sorted: O(n² log n), fine for n up to a few hundred.
 *
 * @param d values, e.g. log ratios (non-finite values are ignored)
 * @param confidence in (0, 1), e.g. 0.99
 * @returns estimate and bounds in the unit of `d`; bounds `null` when n is too small for the confidence
 *   (e.g. n < 8 at 0.99 or n < 6 at 0.95) or `confidence` is outside (0, 1); `null` for no finite value.
 */
export function hodgesLehmann(d: readonly number[], confidence: number): HodgesLehmannResult | null {
  const x = d.filter((v) => Number.isFinite(v));
  const n = x.length;
  if (n === 0) return null;

  const count = (n * (n + 1)) / 2;
  const walsh = new Float64Array(count);
  let w = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) walsh[w++] = (x[i]! + x[j]!) / 2;
  }
  walsh.sort();
  const mid = count >> 1;
  const estimate = count % 2 === 1 ? walsh[mid]! : (walsh[mid - 1]! + walsh[mid]!) / 2;

  if (!(confidence > 0 && confidence < 1)) return { estimate, lower: null, upper: null };
  const k = signedRankQuantile(n, (1 - confidence) / 2);
  if (k < 1) return { estimate, lower: null, upper: null };
  return { estimate, lower: walsh[k - 1]!, upper: walsh[count - k]! };
}
