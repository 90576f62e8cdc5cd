import * as hdr from 'hdr-histogram-js';
import { HIGHEST_NS, valueAtIndex, type Bucket } from '../../domain/hdr-layout.js';

/** An empty histogram with the harness's layout (1 ns .. 1 h, 3 significant digits). */
export function buildHistogram(): hdr.Histogram {
  return hdr.build({ bitBucketSize: 64, lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_NS, numberOfSignificantValueDigits: 3, useWebAssembly: false });
}

/**
 * The harness's non-zero counts as HdrHistogram's standard compressed base64 encoding, which
 * any HdrHistogram library decodes (values in ns).
 */
export function encodeBuckets(buckets: readonly Bucket[]): string {
  const histogram = buildHistogram();
  for (const [index, count] of buckets) histogram.recordValueWithCount(valueAtIndex(index), count);
  return hdr.encodeIntoCompressedBase64(histogram);
}
