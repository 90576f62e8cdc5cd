import * as hdr from 'hdr-histogram-js';
import { HIGHEST_NS, countsIndex, valueAtIndex, type Bucket } from '../../domain/hdr-layout.js';

/** The highest counts index the harness's layout can produce (the bucket of one hour). */
export const MAX_BUCKET_INDEX = countsIndex(HIGHEST_NS);

/** An empty histogram with the harness's layout (1 ns .. 1 h, 3 significant digits). */
export function buildHistogram(): hdr.Histogram {
  return hdr.build({ bitBucketSize: 64, lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_NS, numberOfSignificantValueDigits: 3, useWebAssembly: false });
}

/**
 * The harness's non-zero counts as HdrHistogram's standard compressed base64 encoding, which
 * any HdrHistogram library decodes (values in ns).
 * @throws RangeError (one line) when an index is outside 0..{@link MAX_BUCKET_INDEX} or a count
 *   is not a positive safe integer; callers that take counts from a trial must catch it.
 */
export function encodeBuckets(buckets: readonly Bucket[]): string {
  const histogram = buildHistogram();
  for (const [index, count] of buckets) {
    if (!Number.isInteger(index) || index < 0 || index > MAX_BUCKET_INDEX) throw new RangeError(`bucket index ${index} is outside 0..${MAX_BUCKET_INDEX}`);
    if (!Number.isSafeInteger(count) || count <= 0) throw new RangeError(`bucket ${index} has count ${count}, not a positive safe integer`);
    histogram.recordValueWithCount(valueAtIndex(index), count);
  }
  return hdr.encodeIntoCompressedBase64(histogram);
}
