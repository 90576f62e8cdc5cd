/** Otava's merge step: weak change points removed one at a time until the rest pass. Pure. */

import { compareSegments, relativeChange, type PrefixSums } from './segments.js';

/** A change point at an index of the (finite) values, with the means and t-test of its two segments. */
export interface ScoredPoint {
  /** First index of the new segment. */
  index: number;
  /** Mean from the previous change point (or 0) up to `index`. */
  before: number;
  /** Mean from `index` up to the next change point (or the end). */
  after: number;
  /** Two-sided p of the pooled t-test of the two segments. */
  p: number;
}

/** How {@link mergeChangePoints} judges and re-tests change points. */
export interface MergeRules {
  /** Variances of the t-test: 1 sample (corrected), 0 population (as Otava). */
  ddof: 0 | 1;
  /** Whether a p-value passes. */
  keepP: (p: number) => boolean;
  /** Relative size of a change point (unitless). */
  magnitude: (point: ScoredPoint) => number;
  /** Whether a magnitude passes. */
  keepMagnitude: (magnitude: number) => boolean;
  /**
   * Positions, relative to a removed point's, of the points re-tested after the removal: [−1, 0] are the
   * two neighbours; Otava re-tests [0, 1].
   */
  retest: readonly number[];
  /** Fewest values a segment between change points (or the series' ends) may have; 1 for no limit. */
  minSegment: number;
}

/** |after/before − 1| (see {@link relativeChange}). */
export function forwardMagnitude(point: ScoredPoint): number {
  return Math.abs(relativeChange(point.before, point.after));
}

/** Otava's magnitude: max(|after/before − 1|, |before/after − 1|), each taken as 0 when its divisor is 0. */
export function otavaMagnitude(point: ScoredPoint): number {
  const forward = point.before === 0 ? 0 : point.after / point.before - 1;
  const backward = point.after === 0 ? 0 : point.before / point.after - 1;
  return Math.max(Math.abs(forward), Math.abs(backward));
}

/**
 * The change point `points[i]` tested against its neighbours: x[previous point (or 0), points[i]) against
 * x[points[i], next point (or the end)).
 */
export function scorePoint(sums: PrefixSums, points: readonly number[], i: number, ddof: 0 | 1): ScoredPoint {
  const start = i > 0 ? points[i - 1]! : 0;
  const end = i + 1 < points.length ? points[i + 1]! : sums.length;
  const c = compareSegments(sums, start, points[i]!, end, ddof)!;
  return { index: points[i]!, before: c.before, after: c.after, p: c.p };
}

/**
 * Otava's merge step. Each point is scored against its neighbours; then, one removal at a time: of the
 * points that fail (p fails `keepP`, or a segment beside it is shorter than `minSegment`) the one with
 * the largest p goes; if none fails, the one with the smallest magnitude goes if that fails
 * `keepMagnitude`; else the rest is the answer. After each removal the points named by `retest` are
 * scored again, since their segments grew. Ties go to the earliest point. With `minSegment` 1 this is
 * Otava's order exactly (its largest p overall is removed when it fails). O(k²) for k points.
 * @param weak ascending, distinct indices in [1, sums.length − 1]
 * @returns the surviving points with their scores, ascending
 */
export function mergeChangePoints(sums: PrefixSums, weak: readonly number[], rules: MergeRules): ScoredPoint[] {
  const points = weak.slice();
  const scored = points.map((_, i) => scorePoint(sums, points, i, rules.ddof));
  while (scored.length > 0) {
    // The weakest point that fails: the largest p among those whose p fails or that border a short segment.
    let weakest = -1;
    for (let i = 0; i < scored.length; i++) {
      const fails = !rules.keepP(scored[i]!.p) || bordersShortSegment(points, i, sums.length, rules.minSegment);
      if (fails && (weakest < 0 || scored[i]!.p > scored[weakest]!.p)) weakest = i;
    }
    if (weakest < 0) {
      // None fails: the smallest change goes if it is below the floor, else this is the answer.
      weakest = 0;
      let smallest = rules.magnitude(scored[0]!);
      for (let i = 1; i < scored.length; i++) {
        const m = rules.magnitude(scored[i]!);
        if (m < smallest) {
          smallest = m;
          weakest = i;
        }
      }
      if (rules.keepMagnitude(smallest)) break;
    }
    points.splice(weakest, 1);
    scored.splice(weakest, 1);
    for (const offset of rules.retest) {
      const i = weakest + offset;
      if (i >= 0 && i < scored.length) scored[i] = scorePoint(sums, points, i, rules.ddof);
    }
  }
  return scored;
}

/** Whether the segment before or after `points[i]` has fewer than `minSegment` values (n: the series length). */
function bordersShortSegment(points: readonly number[], i: number, n: number, minSegment: number): boolean {
  if (minSegment <= 1) return false;
  const start = i > 0 ? points[i - 1]! : 0;
  const end = i + 1 < points.length ? points[i + 1]! : n;
  return points[i]! - start < minSegment || end - points[i]! < minSegment;
}
