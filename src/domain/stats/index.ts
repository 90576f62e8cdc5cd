/** Statistics core: paired tests, intervals, corrections, thresholds and verdicts. Pure. */

export { minimumPairs, nextPairTarget, scheduleLooks } from './adaptive.js';
export { compareMetrics, type MetricInput } from './compare-metrics.js';
export { hodgesLehmann, type HodgesLehmannResult } from './hodges-lehmann.js';
export { holmAdjust } from './holm.js';
export { erfc, normalCdf, normalQuantile } from './normal.js';
export { logRatios, pairedTest } from './paired.js';
export {
  EXACT_MAX_N,
  signedRankCounts,
  signedRankExactP,
  signedRankNormalP,
  signedRankQuantile,
} from './signed-rank-distribution.js';
export { signedRankTest, type SignedRankResult } from './signed-rank.js';
export { learnedThreshold } from './threshold.js';
export { decideVerdict, type VerdictInput } from './verdict.js';
