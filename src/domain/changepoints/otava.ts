/**
 * Change points of a series by the method of Apache Otava (formerly Hunter, Fleming et al. 2023):
 * E-Divisive means on overlapping windows with a Student t-test, weak change points at a looser p,
 * then merged away until every one left is significant and large enough. Pure.
 */

import { eDivisive } from './e-divisive.js';
import { forwardMagnitude, mergeChangePoints, otavaMagnitude, type MergeRules } from './merge.js';
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
   * Fewest values a segment between change points (or the series' ends) may have, a whole number ≥ 1.
   * Default 2: a lone outlier, which Otava may report as a step up and a step down around it, is not a
   * change point, and neither is a shift seen in the newest value only. 1 gives Otava's behaviour.
   */
  minSegment?: number;
  /**
   * Reproduce Apache Otava exactly, its defects included (see {@link detectChangePoints}), e.g. to compare
   * with an Otava installation; `minSegment` then defaults to 1. Default false.
   */
  otavaCompatible?: boolean;
}

/** Defaults of {@link ChangePointOptions}: Otava's window 50, p ≤ 0.001 and no magnitude floor. */
export const CHANGE_POINT_DEFAULTS = {
  window: 50,
  maxPValue: 0.001,
  minMagnitude: 0,
  minSegment: 2,
  otavaCompatible: false,
} as const;

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
 * 1. Split: E-Divisive means (`eDivisive`) on windows of `window` values, starting at 0 and moving on by
 *    half a window, or to the last change point found in the window when that is further. A candidate
 *    is accepted when the t-test of the two sides within its interval gives p ≤ {@link weakPValue}
 *    (10·`maxPValue` by default). The union over the windows are the weak change points.
 * 2. Merge (`mergeChangePoints`): each weak point is t-tested against its neighbours over the whole series;
 *    then, one at a time, of the points with p > `maxPValue` or beside a segment shorter than
 *    `minSegment` the one with the largest p is removed; when none is left, the one with the smallest
 *    |change| while that is < `minMagnitude`. After each removal the neighbours are re-tested over their
 *    longer segments.
 *
 * Differences from Otava (apache/otava 1ceb153), all undone by `otavaCompatible`: the t-test uses the
 * sample variances (Otava hands SciPy population standard deviations, which overstates t for short
 * segments; see `compareSegments`); after a removal both neighbours are re-tested (Otava re-tests the
 * right neighbour and the one after it, so the left neighbour keeps the p and means of a segment that no
 * longer exists); the magnitude is |after/before − 1| (Otava: the larger of that and |before/after − 1|),
 * kept when ≥ `minMagnitude` with p ≤ `maxPValue` (Otava: > and <); `minSegment` is 2 (Otava has none).
 * In both modes non-finite values are dropped (Otava forward-fills missing ones); no incremental mode.
 *
 * Caveat, as in Otava: the p of the split that E-Divisive chose as the best of many is not a calibrated
 * false-positive rate. On independent Gaussian noise with the defaults, about 1 series in 16 of 200
 * values and nearly every series of 8760 values (about 7 points each, mostly short blips) get change
 * points that are not there; `maxPValue` 1e-5 removed them in 8760 values with no loss of power for a
 * 5% step in 3% noise. A ramp is a change of the mean too: one rising by one noise standard deviation
 * over 200 values gets a point in about half the series (a staircase when steeper), as in Otava.
 *
 * Cost: O(n·window) for the windows' distance tables plus O(window²) per candidate tried, and O(k²) for
 * k weak change points; memory O(n + window²). About 3–9 ms for 8760 values on a 2-core box
 * (`benchmarks/self/changepoints.mjs`).
 *
 * @param series values in time order (any unit, meant to be positive, like throughput or latency);
 *   non-finite values (`NaN`, ±`Infinity`) are dropped before detection, and indices still refer to
 *   `series` (a change point's index is that of the first finite value of the new level)
 * @param options window, thresholds and mode; see {@link CHANGE_POINT_DEFAULTS}
 * @returns the change points sorted by index; empty when there are fewer than {@link MIN_SERIES_LENGTH}
 *   finite values or no change passes.
 * @throws RangeError for a window that is not a whole number ≥ 2, a `maxPValue` outside (0, 1], a negative
 *   or `NaN` `minMagnitude`, or a `minSegment` that is not a whole number ≥ 1.
 */
export function detectChangePoints(series: readonly number[], options: ChangePointOptions = {}): ChangePoint[] {
  const compatible = options.otavaCompatible ?? CHANGE_POINT_DEFAULTS.otavaCompatible;
  const window = options.window ?? CHANGE_POINT_DEFAULTS.window;
  const maxPValue = options.maxPValue ?? CHANGE_POINT_DEFAULTS.maxPValue;
  const minMagnitude = options.minMagnitude ?? CHANGE_POINT_DEFAULTS.minMagnitude;
  const minSegment = options.minSegment ?? (compatible ? 1 : CHANGE_POINT_DEFAULTS.minSegment);
  if (!Number.isInteger(window) || window < 2) throw new RangeError(`window must be a whole number ≥ 2, not ${window}`);
  if (!(maxPValue > 0 && maxPValue <= 1)) throw new RangeError(`maxPValue must be in (0, 1], not ${maxPValue}`);
  if (!(minMagnitude >= 0)) throw new RangeError(`minMagnitude must be ≥ 0, not ${minMagnitude}`);
  if (!Number.isInteger(minSegment) || minSegment < 1) {
    throw new RangeError(`minSegment must be a whole number ≥ 1, not ${minSegment}`);
  }

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
    ? {
        ddof,
        keepP: (p) => p < maxPValue,
        magnitude: otavaMagnitude,
        keepMagnitude: (m) => m > minMagnitude,
        retest: [0, 1],
        minSegment,
      }
    : {
        ddof,
        keepP: (p) => p <= maxPValue,
        magnitude: forwardMagnitude,
        keepMagnitude: (m) => m >= minMagnitude,
        retest: [-1, 0],
        minSegment,
      };
  return mergeChangePoints(sums, weak, rules).map((s) => ({
    index: positions[s.index]!,
    before: s.before,
    after: s.after,
    change: relativeChange(s.before, s.after),
    p: s.p,
  }));
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
