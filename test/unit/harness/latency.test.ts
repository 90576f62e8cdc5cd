import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { toTrialResult } from '../../../src/adapters/runner/harness-messages.js';
import { buildHistogram, encodeBuckets } from '../../../src/adapters/runner/histogram-encoding.js';
import { countsIndex, valueAtIndex } from '../../../src/domain/hdr-layout.js';
import { mulberry32 } from '../../../src/domain/random.js';
import { LatencyRecorder } from '../../../src/harness/latency.js';

describe('LatencyRecorder', () => {
  it('lands every value in the bucket HdrHistogram itself would use', () => {
    const reference = buildHistogram() as unknown as { countsArrayIndex(v: number): number };
    const random = mulberry32(7);
    for (let k = 0; k < 20_000; k++) {
      const ns = Math.floor(Math.exp(random() * Math.log(3.5e12)));
      expect(countsIndex(ns)).toBe(reference.countsArrayIndex(ns));
      expect(countsIndex(valueAtIndex(countsIndex(ns)))).toBe(countsIndex(ns));
    }
  });

  it('gives the same percentiles, mean and encoding as recording into hdr-histogram-js directly', () => {
    const recorder = new LatencyRecorder();
    const direct = buildHistogram();
    const random = mulberry32(42);
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
    expect(summary.mean).toBeCloseTo(direct.mean / 1e6, 9);
    expect(summary.max).toBe(direct.maxValue / 1e6);
    const decoded = hdr.decodeFromCompressedBase64(encodeBuckets(summary.buckets), 64, false);
    expect(decoded.totalCount).toBe(50_000);
    for (const p of [0, 50, 99, 99.99, 100]) expect(decoded.getValueAtPercentile(p)).toBe(direct.getValueAtPercentile(p));
    expect(Math.abs(decoded.maxValue / direct.maxValue - 1)).toBeLessThan(0.001);
  });

  it('returns null when nothing was recorded', () => {
    expect(new LatencyRecorder().summary()).toBeNull();
  });
});

describe('toTrialResult', () => {
  it('replaces the harness counts with the encoded histogram the store keeps', () => {
    const recorder = new LatencyRecorder();
    for (const ms of [0.01, 0.02, 0.02, 5]) recorder.record(ms);
    const { buckets, ...percentiles } = recorder.summary()!;
    const base = { name: 'b', form: 'handle', mode: 'closed', messages: 4, windowMs: 1, throughput: 4000, bytesPerSec: null, cpuPerMessageUs: 1, elu: 1, gc: { count: 0, pauseMs: 0 }, peakRssBytes: 1, peakHeapBytes: 1, stages: null, options: { warmupMs: 0, durationMs: 1, minMessages: 1, concurrency: 1, rate: null, latency: true } } as const;
    const out = toTrialResult({ ...base, latency: { ...percentiles, buckets } });
    expect(out.latency).toEqual({ ...percentiles, histogram: encodeBuckets(buckets) });
    expect(hdr.decodeFromCompressedBase64(out.latency!.histogram, 64, false).totalCount).toBe(4);
    expect(toTrialResult({ ...base, latency: null }).latency).toBeNull();
  });
});
