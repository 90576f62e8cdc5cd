/** The verdict rule of design §5. Pure. */

import type { Verdict } from '../comparison.js';
import type { Better } from '../metrics.js';

/** Inputs of {@link decideVerdict}. Fractions throughout (0.02 = 2%). */
export interface VerdictInput {
  /** Estimated relative change head/base − 1, or `null` when unknown. */
  change: number | null;
  /** Interval for `change`, or `null` when unknown. */
  ci: [number, number] | null;
  /** p-value, already Holm-adjusted for verdict metrics; `null` when there was no test. */
  p: number | null;
  better: Better;
  /** τ, the smallest change worth reporting (≥ 0). */
  threshold: number;
  /** Significance level, e.g. 0.01. */
  alpha: number;
}

/**
 * Decides a comparison (design §5):
 * - `regression` iff p < alpha and the change is at least τ in the bad direction
 *   (change ≤ −τ when higher is better, change ≥ +τ when lower is better);
 * - `improvement` likewise in the good direction;
 * - `unchanged` iff otherwise the whole interval lies strictly inside (−τ, +τ), significant or not;
 * - `inconclusive` otherwise (including a significant change smaller than τ whose interval reaches ±τ).
 * @returns the verdict; never throws — missing inputs lead to `inconclusive`.
 */
export function decideVerdict(input: VerdictInput): Verdict {
  const { change, ci, p, better, threshold, alpha } = input;
  if (p !== null && p < alpha && change !== null) {
    const up = change > 0 && change >= threshold;
    const down = change < 0 && change <= -threshold;
    if (better === 'higher' ? down : up) return 'regression';
    if (better === 'higher' ? up : down) return 'improvement';
  }
  if (ci !== null && ci[0] > -threshold && ci[1] < threshold) return 'unchanged';
  return 'inconclusive';
}
