import { describe, expect, it } from 'vitest';
import { hodgesLehmann } from '../../../../src/domain/stats/hodges-lehmann.js';
import { gaussian, mulberry32 } from './helpers/random.js';

// R's `?wilcox.test` paired example; d = x − y = 0.952, −0.147, 1.022, 0.43, 0.62, 0.59, 0.49, −0.08, 0.01.
const X = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
const D = X.map((x, i) => x - Y[i]!);

describe('hodgesLehmann', () => {
  it('is the median of the Walsh averages (hand-checked)', () => {
    // Walsh averages of 1, 2, 3: 1, 1.5, 2, 2, 2.5, 3 → median 2.
    expect(hodgesLehmann([3, 1, 2], 0.95)!.estimate).toBe(2);
    // Of −1, 4: −1, 1.5, 4 → 1.5 (the mean, not the median of the data).
    expect(hodgesLehmann([-1, 4], 0.95)!.estimate).toBe(1.5);
    // Of 0, 0, 0, 10: ten averages, six 0, three 5, one 10 → median 0 (robust to the outlier).
    expect(hodgesLehmann([0, 0, 10, 0], 0.95)!.estimate).toBe(0);
    expect(hodgesLehmann([7], 0.95)).toEqual({ estimate: 7, lower: null, upper: null });
  });

  it("reproduces R's wilcox.test(x, y, paired = TRUE, conf.int = TRUE) for the example", () => {
    // Derived exactly with rational arithmetic (d in thousandths): the 45 Walsh averages sorted, the
    // 23rd is 0.46. qsignrank(0.025, 9) = 6, so the 95% interval is the 6th smallest and 6th largest:
    // smallest −0.147, −0.1135, −0.08, −0.0685, −0.035, 0.01; largest 1.022, 0.987, 0.952, 0.821,
    // 0.806, 0.786. At 90% qsignrank(0.05, 9) = 9: the 9th smallest 0.175 and 9th largest 0.726.
    const r95 = hodgesLehmann(D, 0.95)!;
    expect(r95.estimate).toBeCloseTo(0.46, 12);
    expect(r95.lower).toBeCloseTo(0.01, 12);
    expect(r95.upper).toBeCloseTo(0.786, 12);
    const r90 = hodgesLehmann(D, 0.9)!;
    expect(r90.lower).toBeCloseTo(0.175, 12);
    expect(r90.upper).toBeCloseTo(0.726, 12);
  });

  it('gives bounds only when n can reach the confidence', () => {
    // At 99% the widest interval [min, max] has confidence 1 − 2/2ⁿ: 0.984 for n = 7, 0.992 for n = 8.
    const seven = hodgesLehmann([1, 2, 3, 4, 5, 6, 7], 0.99)!;
    expect(seven.lower).toBeNull();
    expect(seven.upper).toBeNull();
    const eight = hodgesLehmann([1, 2, 3, 4, 5, 6, 7, 8], 0.99)!;
    expect(eight.lower).toBe(1);
    expect(eight.upper).toBe(8);
    expect(hodgesLehmann([1, 2, 3, 4, 5], 0.95)!.lower).toBeNull();
    expect(hodgesLehmann([1, 2, 3, 4, 5, 6], 0.95)!.lower).toBe(1);
    expect(hodgesLehmann([1, 2, 3, 4, 5, 6, 7, 8], 1)!.lower).toBeNull();
  });

  it('returns null without finite values and ignores non-finite ones', () => {
    expect(hodgesLehmann([], 0.95)).toBeNull();
    expect(hodgesLehmann([NaN, Infinity], 0.95)).toBeNull();
    expect(hodgesLehmann([NaN, ...D, -Infinity], 0.95)).toEqual(hodgesLehmann(D, 0.95));
  });

  it('is shift-equivariant and does not reorder the input', () => {
    const input = [...D];
    const a = hodgesLehmann(input, 0.95)!;
    const b = hodgesLehmann(input.map((v) => v + 10), 0.95)!;
    expect(b.estimate).toBeCloseTo(a.estimate + 10, 12);
    expect(b.lower).toBeCloseTo(a.lower! + 10, 12);
    expect(input).toEqual(D);
  });

  it('covers the true centre at least as often as promised (seeded simulation)', () => {
    const normal = gaussian(mulberry32(7));
    for (const [n, confidence] of [
      [10, 0.95],
      [60, 0.9], // normal-approximation branch
    ] as const) {
      let covered = 0;
      const runs = 1000;
      for (let r = 0; r < runs; r++) {
        const sample = Array.from({ length: n }, () => normal());
        const { lower, upper } = hodgesLehmann(sample, confidence)!;
        if (lower! <= 0 && 0 <= upper!) covered++;
      }
      // Binomial SE at 1000 runs is < 1%; allow 2 SE.
      expect(covered / runs).toBeGreaterThan(confidence - 0.02);
    }
  });
});
