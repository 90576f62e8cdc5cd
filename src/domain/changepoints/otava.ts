/**
 * Change points of a series by the method of Apache Otava (formerly Hunter, Fleming et al. 2023):
 * E-Divisive means on overlapping windows with a Student t-test, weak change points at a looser p,
 * then merged away until every one left is significant and large enough. Pure.
 */

import { eDivisive } from './e-divisive.js';
import { compareSegments, prefixSums, relativeChange, type PrefixSums } from './segments.js';

/** A level shift in a series. */
export interface ChangePoint {
  /** Index into the input series of the first value of the new level. */
  index: number;
  /** Mean of the segment before, from the previous change point (or the start) up to `index`. */
  before: number;
  /** Mean of the segment after, from `index` up to the next change point (or the end). */
  after: number;
  /** Relative change of the mean, after/before − 1 (e.g. −0.05 for a 5% drop); see {@link relativeChange}. */
  change: number;
  /** Two-sided p-value of the pooled Student t-test of the two segments. */
  p: number;
}

/** Options of {@link detectChangePoints}. */
export interface ChangePointOptions {
  /** Values per E-Divisive window, a whole number ≥ 2; consecutive windows overlap by half. Default 50. */
  window?: number;
  /** Largest p-value of a change point that is kept, in (0, 1]. Default 0.001. */
  maxPValue?: number;
  /** Smallest |after/before − 1| of a change point that is kept, e.g. 0.02; ≥ 0. Default 0 (Otava's). */
  minMagnitude?: number;
  /**
   * Reproduce Apache Otava exactly, known defects included (see {@link detectChangePoints}), e.g. to
   * compare with an Otava installation. Default false.
   */
  otavaCompatible?: boolean;
}

/** Defaults of {@link ChangePointOptions}: Otava's window 50, p ≤ 0.001 and no magnitude floor. */
export const CHANGE_POINT_DEFAULTS = { window: 50, maxPValue: 0.001, minMagnitude: 0, otavaCompatible: false } as const;

/** Fewest finite values {@link detectChangePoints} looks at; shorter series have no change point. */
export const MIN_SERIES_LENGTH = 6;

/**
 * Otava's first-pass (weak) p-value threshold for a final threshold `maxPValue`: 10× below 0.05,
 * 2× below 0.5, else unchanged.
 */
export function weakPValue(maxPValue: number): number {
  if (maxPValue < 0.05) return maxPValue * 10;
  if (maxPValue < 0.5) return maxPValue * 2;
  return maxPValue;
}

/**
 * Change points of a series (e.g. one metric of one benchmark over the revisions of the default branch),
 * as Apache Otava's `compute_change_points` finds them:
 *
 * 1. Split: E-Divisive means (see `eDivisive`) on windows of `window` values, starting at 0 and moving
 *    on by half a window, or to the last change point found in the window when that is further; a
 *    candidate is accepted when the t-test of the two sides within its interval gives p ≤
 *    {@link weakPValue}(maxPValue) (10·p by default). The union of all windows' points are the weak
 *    change points; each is then re-tested against its neighbours over the whole series.
 * 2. Merge: while some point has p > `maxPValue`, the one with the largest p is removed; then, while the
 *    smallest |change| is below `minMagnitude`, that one is removed; after each removal both neighbours
 *    are re-tested over their new, longer segments.
 *
 * Differences from Otava (apache/otava 1ceb153, 2026), unless `otavaCompatible`: the t-test uses
 * unbiased sample variances (Otava feeds population standard deviations to SciPy, which overstates t for
 * short segments; see `compareSegments`); after a removal both neighbours are re-tested (Otava re-tests
 * the right neighbour and the one after it, so the left neighbour keeps the p and means of a segment that
 * no longer exists); the magnitude is |after/before − 1| (Otava: the larger of that and |before/after − 1|)
 * and a point is kept when it is ≥ `minMagnitude` and p ≤ `maxPValue` (Otava: > and <). On Otava's own
 * test data and on random series the corrected method finds a subset-like, somewhat smaller set of
 * points. In both modes non-finite values are dropped (Otava forward-fills missing values), and there is
 * no incremental mode.
 *
 * Cost: O(n·window) time for the windows' energy tables plus O(window²) per change point tried, and
 * O(k²) for k weak change points; memory O(n + window²). About 2 ms for 8760 values on a 2-core box
 * (see `benchmarks/self/changepoints.mjs`).
 *
 * @param series values in time order (any unit, meant to be positive, like throughput or latency);
 *   non-finite values (`NaN`, ±`Infinity`) are dropped before detection, and indices still refer to `series`
 * @param options window, p-value threshold and magnitude floor; see {@link CHANGE_POINT_DEFAULTS}
 * @returns the change points sorted by index; empty when there are fewer than {@link MIN_SERIES_LENGTH}
 *   finite values or no significant change.
 * @throws RangeError for a window that is not a whole number ≥ 2, a `maxPValue` outside (0, 1] or a
 *   negative or `NaN` `minMagnitude`.
 */
export function detectChangePoints(series: readonly number[], options: ChangePointOptions = {}): ChangePoint[] {
  const window = options.window ?? CHANGE_POINT_DEFAULTS.window;
  const maxPValue = options.maxPValue ?? CHANGE_POINT_DEFAULTS.maxPValue;
  const minMagnitude = options.minMagnitude ?? CHANGE_POINT_DEFAULTS.minMagnitude;
  const compatible = options.otavaCompatible ?? CHANGE_POINT_DEFAULTS.otavaCompatible;
  if (!Number.isInteger(window) || window < 2) throw new RangeError(`window must be a whole number ≥ 2, not ${window}`);
  if (!(maxPValue > 0 && maxPValue <= 1)) throw new RangeError(`maxPValue must be in (0, 1], not ${maxPValue}`);
  if (!(minMagnitude >= 0)) throw new RangeError(`minMagnitude must be ≥ 0, not ${minMagnitude}`);

  const values: number[] = [];
  const positions: number[] = [];
  series.forEach((v, i) => {
    if (Number.isFinite(v)) {
      values.push(v);
      positions.push(i);
    }
  });
  if (values.length < MIN_SERIES_LENGTH) return [];

  const sums = prefixSums(values);
  const ddof = compatible ? 0 : 1;
  const weak = splitStep(values, sums, window, weakPValue(maxPValue), ddof);
  const rules: MergeRules = compatible
    ? { ddof, keepP: (p) => p < maxPValue, keepMagnitude: (m) => m > minMagnitude, magnitude: otavaMagnitude, retest: [0, 1] }
    : { ddof, keepP: (p) => p <= maxPValue, keepMagnitude: (m) => m >= minMagnitude, magnitude: magnitude, retest: [-1, 0] };
  return mergeStep(sums, weak, rules).map((s) => ({
    index: positions[s.index]!,
    before: s.before,
    after: s.after,
    change: relativeChange(s.before, s.after),
    p: s.p,
  }));
}

/** A change point at an index of the finite values, with its segments' means and t-test. */
interface Scored {
  index: number;
  before: number;
  after: number;
  p: number;
}

/** Otava's split step: the weak change points, ascending, as indices into `values`. */
function splitStep(values: readonly number[], sums: PrefixSums, window: number, weakP: number, ddof: 0 | 1): number[] {
  const n = values.length;
  const step = Math.floor(window / 2);
  const width = Math.min(window, n) + 1;
  const scratch = new Float64Array(width * width);
  const isSignificant = (start: number, split: number, end: number): boolean =>
    compareSegments(sums, start, split, end, ddof)!.p <= weakP;
  const found = new Uint8Array(n);
  for (let start = 0; start < n; ) {
    const end = Math.min(start + window, n);
    const points = eDivisive(values, start, end, { isSignificant, scratch });
    for (const p of points) found[p] = 1;
    start = Math.max(points.at(-1) ?? 0, start + step);
  }
  const weak: number[] = [];
  found.forEach((f, i) => {
    if (f === 1) weak.push(i);
  });
  return weak;
}

/** How {@link mergeStep} judges and re-tests change points: corrected, or exactly as Otava. */
interface MergeRules {
  ddof: 0 | 1;
  /** Whether a p-value passes. */
  keepP: (p: number) => boolean;
  /** Whether a magnitude passes. */
  keepMagnitude: (magnitude: number) => boolean;
  magnitude: (s: Scored) => number;
  /** Positions, relative to the removed point's, of the points re-tested after a removal. */
  retest: readonly [number, number];
}

/** |after/before − 1|. */
function magnitude(s: Scored): number {
  return Math.abs(relativeChange(s.before, s.after));
}

/** Otava's magnitude: max(|after/before − 1|, |before/after − 1|), each taken as 0 when its divisor is 0. */
function otavaMagnitude(s: Scored): number {
  const forward = s.before === 0 ? 0 : s.after / s.before - 1;
  const backward = s.after === 0 ? 0 : s.before / s.after - 1;
  return Math.max(Math.abs(forward), Math.abs(backward));
}

/** The t-test of the change point at `points[i]` against its neighbours (or the ends of the series). */
function score(sums: PrefixSums, points: readonly number[], i: number, ddof: 0 | 1): Scored {
  const start = i > 0 ? points[i - 1]! : 0;
  const end = i + 1 < points.length ? points[i + 1]! : sums.length;
  const c = compareSegments(sums, start, points[i]!, end, ddof)!;
  return { index: points[i]!, before: c.before, after: c.after, p: c.p };
}

/**
 * Otava's merge step over the weak change points (ascending indices into the finite values): while the
 * largest p fails, or else the smallest magnitude fails, that point goes and its neighbours are re-tested.
 */
function mergeStep(sums: PrefixSums, weak: readonly number[], rules: MergeRules): Scored[] {
  const points = weak.slice();
  const scored = points.map((_, i) => score(sums, points, i, rules.ddof));
  while (scored.length > 0) {
    let weakest = 0;
    for (let i = 1; i < scored.length; i++) if (scored[i]!.p > scored[weakest]!.p) weakest = i;
    if (rules.keepP(scored[weakest]!.p)) {
      weakest = 0;
      let smallest = Infinity;
      for (let i = 0; i < scored.length; i++) {
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
      if (i >= 0 && i < scored.length) scored[i] = score(sums, points, i, rules.ddof);
    }
  }
  return scored;
}
