import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { buildHistogram, countsIndex, LatencyRecorder, valueAtIndex } from '../../../src/harness/latency.js';

function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('LatencyRecorder', () => {
  it('lands every value in the bucket HdrHistogram itself would use', () => {
    const reference = buildHistogram() as unknown as { countsArrayIndex(v: number): number };
    const random = seeded(7);
    for (let k = 0; k < 20_000; k++) {
      const ns = Math.floor(Math.exp(random() * Math.log(3.5e12)));
      expect(countsIndex(ns)).toBe(reference.countsArrayIndex(ns));
      expect(countsIndex(valueAtIndex(countsIndex(ns)))).toBe(countsIndex(ns));
    }
  });

  it('gives the same percentiles and encoding as recording into hdr-histogram-js directly', () => {
    const recorder = new LatencyRecorder();
    const direct = buildHistogram();
    const random = seeded(42);
    for (let k = 0; k < 50_000; k++) {
      // Log-normal-ish latencies from ~100 ns to seconds, plus some multi-second outliers.
      const ms = k % 5000 === 0 ? 2500 + random() * 5000 : Math.exp(random() * 12 - 9);
      recorder.record(ms);
      direct.recordValue(Math.round(ms * 1e6));
    }
    const summary = recorder.summary()!;
    expect(summary.count).toBe(50_000);
    for (const [p, key] of [[50, 'p50'], [90, 'p90'], [99, 'p99'], [99.9, 'p999']] as const) {
      expect(summary[key]).toBe(direct.getValueAtPercentile(p) / 1e6);
    }
    const decoded = hdr.decodeFromCompressedBase64(summary.histogram, 64, false);
    expect(decoded.totalCount).toBe(50_000);
    expect(decoded.getValueAtPercentile(99)).toBe(direct.getValueAtPercentile(99));
    expect(summary.max).toBe(direct.maxValue / 1e6);
    expect(Math.abs(decoded.maxValue / direct.maxValue - 1)).toBeLessThan(0.001);
  });

  it('returns null when nothing was recorded', () => {
    expect(new LatencyRecorder().summary()).toBeNull();
  });
});
