import { describe, expect, it } from 'vitest';
import { encodeTrialResult, parseHarnessLine } from '../../../src/adapters/runner/harness-messages.js';
import { MAX_BUCKET_INDEX, encodeBuckets } from '../../../src/adapters/runner/histogram-encoding.js';
import type { Bucket } from '../../../src/domain/hdr-layout.js';
import type { HarnessResult } from '../../../src/harness/channel.js';
import { LatencyRecorder } from '../../../src/harness/latency.js';

const base: Omit<HarnessResult, 'latency'> = {
  name: 'b', form: 'handle', mode: 'closed', messages: 4, windowMs: 1, throughput: 4000, bytesPerSec: null, cpuPerMessageUs: 1, elu: 1,
  gc: { count: 0, pauseMs: 0 }, peakRssBytes: 1, peakHeapBytes: 1, stages: null,
  options: { warmupMs: 0, durationMs: 1, minMessages: 1, concurrency: 1, rate: null, latency: true },
};
const percentiles = { p50: 0.01, p90: 0.02, p99: 0.05, p999: 0.2, max: 1, mean: 0.012 };

function resultLine(latency: Record<string, unknown>): string {
  return JSON.stringify({ type: 'result', result: { ...base, latency: { ...percentiles, ...latency } } });
}

describe('result channel validation of latency counts', () => {
  it('accepts what the harness itself sends, up to the one-hour bucket', () => {
    const recorder = new LatencyRecorder();
    for (const ms of [0.001, 0.5, 3, 2 * 3_600_000]) recorder.record(ms);
    const latency = recorder.summary()!;
    expect(latency.buckets.at(-1)![0]).toBe(MAX_BUCKET_INDEX);
    const parsed = parseHarnessLine(JSON.stringify({ type: 'result', result: { ...base, latency } }));
    expect(parsed.ok).toBe(true);
    if (parsed.ok && parsed.message.type === 'result') expect(encodeTrialResult(parsed.message.result).ok).toBe(true);
  });

  const rejected: [string, string, RegExp][] = [
    ['a count of 1e308', resultLine({ count: 1, buckets: [[5, 1e308]] }), /^result failed validation at result\.latency\.buckets\.0\.1: /],
    ['a count past 2^53', resultLine({ count: 1, buckets: [[5, 2 ** 53]] }), /at result\.latency\.buckets\.0\.1: /],
    ['a negative count', resultLine({ count: 1, buckets: [[5, -3]] }), /at result\.latency\.buckets\.0\.1: /],
    ['a fractional count', resultLine({ count: 1, buckets: [[5, 0.5]] }), /at result\.latency\.buckets\.0\.1: /],
    ['a zero count', resultLine({ count: 1, buckets: [[5, 0]] }), /at result\.latency\.buckets\.0\.1: /],
    ['an index past the layout', resultLine({ count: 1, buckets: [[MAX_BUCKET_INDEX + 1, 1]] }), /at result\.latency\.buckets\.0\.0: /],
    ['a huge index', resultLine({ count: 1, buckets: [[1e300, 1]] }), /at result\.latency\.buckets\.0\.0: /],
    ['a negative index', resultLine({ count: 1, buckets: [[-1, 1]] }), /at result\.latency\.buckets\.0\.0: /],
    ['a fractional index', resultLine({ count: 1, buckets: [[2.5, 1]] }), /at result\.latency\.buckets\.0\.0: /],
    ['repeated indices', resultLine({ count: 2, buckets: [[5, 1], [5, 1]] }), /^result failed validation at result\.latency\.buckets\.1\.0: bucket indices must be strictly increasing$/],
    ['a count that is not the total', resultLine({ count: 3, buckets: [[5, 1], [6, 1]] }), /^result failed validation at result\.latency\.count: count 3 is not the sum of the bucket counts \(2\)$/],
    ['an infinite percentile (1e999 parses to Infinity)', resultLine({ count: 1, buckets: [[5, 1]] }).replace('"p99":0.05', '"p99":1e999'), /at result\.latency\.p99: /],
    ['a negative percentile', resultLine({ count: 1, buckets: [[5, 1]], p50: -1 }), /at result\.latency\.p50: /],
    ['no buckets', resultLine({ count: 1, buckets: [] }), /at result\.latency\.buckets: /],
    ['an unsafe message count', JSON.stringify({ type: 'heartbeat', phase: 'measure', messages: 1e300 }), /at messages: /],
  ];
  it.each(rejected)('rejects %s with a one-line reason', (_what, line, reason) => {
    const parsed = parseHarnessLine(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toMatch(reason);
      expect(parsed.reason).not.toContain('\n');
    }
  });
});

describe('encoding untrusted counts', () => {
  it('turns anything the encoder throws into a one-line reason', () => {
    for (const buckets of [[[5, 1e308]], [[5, -3]], [[5, Number.NaN]], [[1e9, 1]], [[-1, 1]]] as Bucket[][]) {
      const out = encodeTrialResult({ ...base, latency: { ...percentiles, count: 1, buckets } });
      expect(out.ok).toBe(false);
      if (!out.ok) {
        expect(out.reason).toMatch(/^result's latency histogram could not be encoded: .+/);
        expect(out.reason).not.toContain('\n');
      }
    }
  });

  it('refuses counts and indices outside the layout itself, with a RangeError', () => {
    expect(() => encodeBuckets([[5, 1e308]])).toThrow(RangeError);
    expect(() => encodeBuckets([[MAX_BUCKET_INDEX + 1, 1]])).toThrow(/outside 0\.\./);
    expect(encodeBuckets([[MAX_BUCKET_INDEX, 1]])).toMatch(/^HISTF/);
  });
});
