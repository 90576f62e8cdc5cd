/**
 * HdrHistogram's bucket layout for latencies in nanoseconds (1 ns to 1 h, 3 significant
 * digits, unit magnitude 0), as flat counts indices. Pure maths, so the trial process can
 * count and take percentiles without loading hdr-histogram-js (40 ms of every trial's start),
 * and the runner can rebuild the same histogram from the non-zero counts.
 */

/** 3 significant digits: sub-buckets of 2048, as HdrHistogram sizes them. */
const SUB_BUCKET_HALF_COUNT_MAGNITUDE = 10;
const SUB_BUCKET_HALF_COUNT = 1 << SUB_BUCKET_HALF_COUNT_MAGNITUDE;
const SUB_BUCKET_MASK = 2 * SUB_BUCKET_HALF_COUNT - 1;
/** One hour in nanoseconds; longer latencies are clamped. */
export const HIGHEST_NS = 3_600_000_000_000;
const BUCKETS = Math.ceil(Math.log2(HIGHEST_NS)) - SUB_BUCKET_HALF_COUNT_MAGNITUDE;
/** Length of the flat counts array. */
export const COUNTS_LENGTH = (BUCKETS + 1) * SUB_BUCKET_HALF_COUNT;

/** A non-zero count: `[counts index, count]`. */
export type Bucket = [index: number, count: number];

/** HdrHistogram's counts index for a value in ns. */
export function countsIndex(ns: number): number {
  if (ns < 0x80000000) {
    const bucket = 21 - Math.clz32(ns | SUB_BUCKET_MASK);
    return ((bucket + 1) << SUB_BUCKET_HALF_COUNT_MAGNITUDE) + ((ns >>> bucket) - SUB_BUCKET_HALF_COUNT);
  }
  const value = Math.min(ns, HIGHEST_NS);
  const bucket = Math.floor(Math.log2(value)) + 1 - (SUB_BUCKET_HALF_COUNT_MAGNITUDE + 1);
  return ((bucket + 1) << SUB_BUCKET_HALF_COUNT_MAGNITUDE) + (Math.floor(value / 2 ** bucket) - SUB_BUCKET_HALF_COUNT);
}

/** The lowest value (ns) that falls into a counts index. */
export function valueAtIndex(index: number): number {
  return valueAndWidth(index).lowest;
}

function valueAndWidth(index: number): { lowest: number; width: number } {
  let bucket = (index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1;
  let sub = (index & (SUB_BUCKET_HALF_COUNT - 1)) + SUB_BUCKET_HALF_COUNT;
  if (bucket < 0) {
    sub -= SUB_BUCKET_HALF_COUNT;
    bucket = 0;
  }
  return { lowest: sub * 2 ** bucket, width: 2 ** bucket };
}

/**
 * The value at a percentile, exactly as HdrHistogram reports it (the highest value
 * equivalent to the bucket holding that rank).
 * @param buckets non-zero counts in index order
 * @param percentile 0–100
 * @returns nanoseconds, or `null` when the histogram is empty
 */
export function valueAtPercentile(buckets: readonly Bucket[], percentile: number): number | null {
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.floor((Math.min(percentile, 100) / 100) * total + 0.5));
  let seen = 0;
  for (const [index, count] of buckets) {
    seen += count;
    if (seen >= rank) {
      const { lowest, width } = valueAndWidth(index);
      return percentile === 0 ? lowest : lowest + width - 1;
    }
  }
  return null;
}

/**
 * The mean as HdrHistogram computes it (each value at its bucket's median).
 * @returns nanoseconds, or `null` when the histogram is empty
 */
export function histogramMean(buckets: readonly Bucket[]): number | null {
  let total = 0;
  let sum = 0;
  for (const [index, count] of buckets) {
    const { lowest, width } = valueAndWidth(index);
    sum += (lowest + Math.floor(width / 2)) * count;
    total += count;
  }
  return total === 0 ? null : sum / total;
}
