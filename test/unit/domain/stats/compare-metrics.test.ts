import { describe, expect, it } from 'vitest';
import { compareMetrics, type MetricInput } from '../../../../src/domain/stats/compare-metrics.js';
import { holmAdjust } from '../../../../src/domain/stats/holm.js';
import { pairedTest } from '../../../../src/domain/stats/paired.js';

const BASE = [100, 102, 98, 101, 99, 103, 100, 97, 104, 100];
// Every head value 5% lower: exact p = 2/1024 ≈ 0.00195, change ≈ −5%.
const DOWN5 = BASE.map((b) => b * 0.95);
// Every head value 3% higher except one 0.1% lower: p = 4/1024 ≈ 0.0039.
const UP3 = BASE.map((b, i) => b * (i === 0 ? 0.999 : 1.03));
// Mixed signs, changes under 1%: interval well inside ±2%.
const NOISY = BASE.map((b, i) => b * (1 + (i % 2 === 0 ? 0.004 : -0.004) * (1 + i / 10)));

const input = (metric: string, head: number[], overrides: Partial<MetricInput> = {}): MetricInput => ({
  metric,
  unit: 'msg/s',
  better: 'higher',
  verdict: true,
  samples: { base: BASE, head },
  threshold: 0.02,
  thresholdSource: 'config',
  ...overrides,
});

describe('compareMetrics', () => {
  it('fills one comparison per input, in order, with medians and counts', () => {
    const [throughput] = compareMetrics([input('throughput', DOWN5)], 0.01);
    expect(throughput).toMatchObject({
      metric: 'throughput',
      unit: 'msg/s',
      better: 'higher',
      base: { median: 100, n: 10 },
      head: { median: 95, n: 10 },
      threshold: 0.02,
      thresholdSource: 'config',
      verdict: 'regression',
    });
    // One verdict metric: Holm is the identity.
    expect(throughput!.p).toBe(2 / 1024);
    expect(throughput!.change).toBeCloseTo(-0.05, 12);
  });

  it('Holm-adjusts p across the verdict metrics only; informational metrics keep their raw p', () => {
    const inputs = [
      input('throughput', DOWN5),
      input('latency.p50', UP3, { better: 'lower', unit: 'ms', thresholdSource: 'history' }),
      input('cpu', DOWN5, { verdict: false, better: 'lower', unit: 'µs/msg' }),
      input('latency.p99', NOISY, { better: 'lower', unit: 'ms' }),
    ];
    const result = compareMetrics(inputs, 0.01);
    const raw = [DOWN5, UP3, NOISY].map((head) => pairedTest({ base: BASE, head }, 0.01).p);
    const adjusted = holmAdjust(raw);
    expect(result.map((r) => r.p)).toEqual([adjusted[0], adjusted[1], raw[0], adjusted[2]]);
    // 3·2/1024 < 0.01 and 2·4/1024 < 0.01: both survive the correction. Throughput 5% lower and p50
    // latency 3% higher are regressions; cpu 5% lower is an improvement; p99 is unchanged.
    expect(result.map((r) => r.verdict)).toEqual(['regression', 'regression', 'improvement', 'unchanged']);
    expect(result[1]!.thresholdSource).toBe('history');
  });

  it('lets the correction turn a borderline result into inconclusive', () => {
    // Alone UP3 is significant (0.0039 < 0.01); among four equally strong verdict metrics it is not (4·0.0039),
    // and its interval reaches past +2%, so it is inconclusive rather than unchanged.
    const alone = compareMetrics([input('latency.p50', UP3, { better: 'lower' })], 0.01);
    expect(alone[0]!.verdict).toBe('regression');
    const many = compareMetrics(
      ['a', 'b', 'c', 'd'].map((m) => input(m, UP3, { better: 'lower' })),
      0.01,
    );
    expect(many.map((r) => r.verdict)).toEqual(['inconclusive', 'inconclusive', 'inconclusive', 'inconclusive']);
  });

  it('copes with a metric without samples', () => {
    const [empty] = compareMetrics([input('rss', [], { samples: { base: [], head: [] } })], 0.01);
    expect(empty).toMatchObject({ change: null, ci: null, p: null, verdict: 'inconclusive', base: { n: 0 }, head: { n: 0 } });
    expect(empty!.base.median).toBeNaN();
    expect(compareMetrics([], 0.01)).toEqual([]);
  });
});
