import * as hdr from 'hdr-histogram-js';
import type { LatencySummary } from '../domain/trial.js';

const NS_PER_MS = 1e6;
/** 3 significant digits: sub-buckets of 2048, as HdrHistogram sizes them. */
const SUB_BUCKET_HALF_COUNT_MAGNITUDE = 10;
const SUB_BUCKET_HALF_COUNT = 1 << SUB_BUCKET_HALF_COUNT_MAGNITUDE;
const SUB_BUCKET_MASK = 2 * SUB_BUCKET_HALF_COUNT - 1;
/** One hour in nanoseconds; longer latencies are clamped. */
const HIGHEST_NS = 3_600_000_000_000;
const BUCKETS = Math.ceil(Math.log2(HIGHEST_NS)) - SUB_BUCKET_HALF_COUNT_MAGNITUDE;
const COUNTS_LENGTH = (BUCKETS + 1) * SUB_BUCKET_HALF_COUNT;

/** A histogram with the layout the recorder uses (1 ns .. 1 h, 3 significant digits). */
export function buildHistogram(): hdr.Histogram {
  return hdr.build({
    bitBucketSize: 64,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_NS,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

/** HdrHistogram's counts index for a value in ns (unit magnitude 0). */
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
  let bucket = (index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1;
  let sub = (index & (SUB_BUCKET_HALF_COUNT - 1)) + SUB_BUCKET_HALF_COUNT;
  if (bucket < 0) {
    sub -= SUB_BUCKET_HALF_COUNT;
    bucket = 0;
  }
  return sub * 2 ** bucket;
}

/**
 * Records per-message latency into HdrHistogram buckets (1 ns to 1 h, 3 significant digits).
 *
 * Recording only increments a flat counts array laid out exactly as HdrHistogram lays out
 * its buckets (~2 ns a value); `summary()` then loads the counts into an hdr-histogram-js
 * histogram for percentiles and the standard compressed encoding. Recording through
 * hdr-histogram-js directly costs 20–90 ns a value here, more than half the harness budget.
 */
export class LatencyRecorder {
  private readonly counts = new Float64Array(COUNTS_LENGTH);
  private total = 0;
  private maxNs = 0;

  /** @param ms a duration in milliseconds (as from `performance.now()` differences). */
  record(ms: number): void {
    const ns = Math.round(ms * NS_PER_MS);
    this.counts[countsIndex(ns < 0 ? 0 : ns)]! += 1;
    this.total++;
    if (ns > this.maxNs) this.maxNs = ns;
  }

  /** The recorded values as an hdr-histogram-js histogram (nanoseconds). */
  toHistogram(): hdr.Histogram {
    const histogram = buildHistogram();
    const counts = this.counts;
    for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) histogram.recordValueWithCount(valueAtIndex(i), counts[i]!);
    return histogram;
  }

  /** @returns percentiles in milliseconds, or `null` when nothing was recorded. */
  summary(): LatencySummary | null {
    if (this.total === 0) return null;
    const h = this.toHistogram();
    const at = (p: number) => h.getValueAtPercentile(p) / NS_PER_MS;
    return {
      p50: at(50),
      p90: at(90),
      p99: at(99),
      p999: at(99.9),
      max: this.maxNs / NS_PER_MS,
      mean: h.mean / NS_PER_MS,
      count: h.totalCount,
      histogram: hdr.encodeIntoCompressedBase64(h),
    };
  }
}
