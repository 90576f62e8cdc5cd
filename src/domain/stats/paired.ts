/** The per-metric paired comparison: signed-rank test and Hodges–Lehmann interval on log ratios. Pure. */

import type { PairedSamples, PairedTest } from '../comparison.js';
import { hodgesLehmann } from './hodges-lehmann.js';
import { signedRankTest } from './signed-rank.js';

/**
 * Log ratios ln(headᵢ / baseᵢ) of the usable pairs.
 * @returns one value per pair where both values are finite and > 0; pairs beyond the shorter side are ignored.
 */
export function logRatios(samples: PairedSamples): number[] {
  const n = Math.min(samples.base.length, samples.head.length);
  const d: number[] = [];
  for (let i = 0; i < n; i++) {
    const b = samples.base[i]!;
    const h = samples.head[i]!;
    if (Number.isFinite(b) && Number.isFinite(h) && b > 0 && h > 0) d.push(Math.log(h / b));
  }
  return d;
}

/**
 * Compares head with base over paired samples (design §5): dᵢ = ln(headᵢ/baseᵢ); p from the two-sided
 * Wilcoxon signed-rank test on d; change = exp(HL) − 1 and its interval exp(bound) − 1 at confidence
 * 1 − alpha, where HL is the Hodges–Lehmann estimate of d. The change is in the metric's own direction
 * (head/base − 1); whether that is good or bad is for the verdict.
 *
 * Pairs with a value ≤ 0 or not finite are skipped (so metrics that can be 0, such as a GC count, lose
 * those pairs). When every used pair has identical values, p is 1 (no evidence of a shift).
 *
 * @param samples paired samples, `base[i]` with `head[i]`
 * @param alpha significance level in (0, 1); the interval's confidence is 1 − alpha
 * @returns n (pairs used); change and ci as fractions (−0.05 = 5% lower); ci `null` when too few pairs
 *   for the confidence (fewer than 8 at alpha 0.01); change, ci and p `null` with no usable pair.
 */
export function pairedTest(samples: PairedSamples, alpha: number): PairedTest {
  const d = logRatios(samples);
  const n = d.length;
  const hl = hodgesLehmann(d, 1 - alpha);
  if (n === 0 || hl === null) return { n, change: null, ci: null, p: null };
  const test = signedRankTest(d);
  const ci: [number, number] | null =
    hl.lower !== null && hl.upper !== null ? [Math.expm1(hl.lower), Math.expm1(hl.upper)] : null;
  return { n, change: Math.expm1(hl.estimate), ci, p: test === null ? 1 : test.p };
}
