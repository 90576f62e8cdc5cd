/** Change-point detection for the weekly trend report: E-Divisive means with a t-test, as Apache Otava. Pure. */

export {
  CHANGE_POINT_DEFAULTS,
  MIN_SERIES_LENGTH,
  detectChangePoints,
  weakPValue,
  type ChangePoint,
  type ChangePointOptions,
} from './otava.js';
export {
  bestSplit,
  divergence,
  eDivisive,
  energyTable,
  type EDivisiveOptions,
  type EnergyTable,
  type SplitCandidate,
} from './e-divisive.js';
export { compareSegments, prefixSums, relativeChange, type PrefixSums, type SegmentComparison } from './segments.js';
export {
  logGamma,
  regularizedIncompleteBeta,
  regularizedIncompleteBetaComplement,
  studentTCdf,
  studentTTwoSidedP,
} from './student-t.js';
