import { COUNTS_LENGTH, countsIndex, histogramMean, valueAtPercentile, type Bucket } from '../domain/hdr-layout.js';

const NS_PER_MS = 1e6;

/** Latency of one trial as the harness sends it: percentiles in ms and the non-zero counts. */
export interface HarnessLatency {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
  count: number;
  /** Non-zero counts in HdrHistogram's layout (ns), for the runner to encode. */
  buckets: Bucket[];
}

/**
 * Records per-message latency into HdrHistogram buckets (1 ns to 1 h, 3 significant digits).
 *
 * Recording only increments a flat counts array laid out exactly as HdrHistogram lays out
 * its buckets (~2 ns a value; hdr-histogram-js's own recording costs 20–90 ns). The trial
 * process never loads hdr-histogram-js: the runner encodes the counts it receives.
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

  /** The non-zero counts, in index order. */
  buckets(): Bucket[] {
    const out: Bucket[] = [];
    const counts = this.counts;
    for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) out.push([i, counts[i]!]);
    return out;
  }

  /** @returns percentiles in milliseconds, or `null` when nothing was recorded. */
  summary(): HarnessLatency | null {
    if (this.total === 0) return null;
    const buckets = this.buckets();
    const at = (p: number) => valueAtPercentile(buckets, p)! / NS_PER_MS;
    return {
      p50: at(50),
      p90: at(90),
      p99: at(99),
      p999: at(99.9),
      max: this.maxNs / NS_PER_MS,
      mean: histogramMean(buckets)! / NS_PER_MS,
      count: this.total,
      buckets,
    };
  }
}
