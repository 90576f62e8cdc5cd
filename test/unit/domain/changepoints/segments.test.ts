import { describe, expect, it } from 'vitest';
import { compareSegments, prefixSums, relativeChange } from '../../../../src/domain/changepoints/segments.js';

// p-values from SciPy 1.17: scipy.stats.ttest_ind(a, b) (pooled), and ttest_ind_from_stats with
// np.std (ddof 0), as Otava calls it.
const A = [10.1, 9.8, 10.4, 10.0, 9.7];
const B = [11.2, 10.9, 11.5, 11.0];

describe('compareSegments', () => {
  it('is the pooled two-sample Student t-test (SciPy ttest_ind)', () => {
    const sums = prefixSums([...A, ...B]);
    const c = compareSegments(sums, 0, 5, 9)!;
    expect(c.before).toBeCloseTo(10, 12);
    expect(c.after).toBeCloseTo(11.15, 12);
    expect(c.p).toBeCloseTo(0.00038478820844654226, 12);
  });

  it('with ddof 0 reproduces Otava, which hands SciPy population standard deviations', () => {
    const c = compareSegments(prefixSums([...A, ...B]), 0, 5, 9, 0)!;
    expect(c.p).toBeCloseTo(0.00017838017039565094, 12);
  });

  it('tests any two adjacent segments of a longer series, one value against several included', () => {
    const sums = prefixSums([99, ...A, ...B, 3, 5, 6, 7, -1]);
    expect(compareSegments(sums, 1, 6, 10)!.p).toBeCloseTo(0.00038478820844654226, 12);
    expect(compareSegments(sums, 10, 11, 14)!.p).toBeCloseTo(0.12168993434632014, 12);
  });

  it('keeps its precision far from zero (sums are shifted by the first value)', () => {
    const a = [0.1, -0.2, 0.3, 0.0, -0.1, 0.2];
    const b = [0.5, 0.7, 0.4, 0.6];
    const c = compareSegments(prefixSums([...a, ...b].map((v) => 1e9 + v)), 0, 6, 10)!;
    // The inputs themselves are only good to an ulp of 1e9 (1.2e-7), hence the tolerance; squares of
    // unshifted values (1e18) would lose the variance (0.03) altogether.
    expect(Math.abs(c.p - 0.001712874149321464) / 0.001712874149321464).toBeLessThan(1e-5);
    expect(c.after - c.before).toBeCloseTo(0.5, 6);
  });

  it('calls constant segments different when their means differ, the same when they do not', () => {
    expect(compareSegments(prefixSums([5, 5, 5, 7, 7, 7]), 0, 3, 6)!.p).toBe(0);
    expect(compareSegments(prefixSums([0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]), 0, 3, 7)!.p).toBe(1);
    // Here the prefix sums round so that the two means differ by 8.9e-16 and both sums of squares come
    // out ≤ 0: rounding, not a difference.
    expect(compareSegments(prefixSums([7, 0.3, 0.3, 0.3, 0.3, 0.3]), 1, 4, 6)!.p).toBe(1);
  });

  it('gives p = 1 for two values in all, and null for an empty segment or bounds outside the series', () => {
    const sums = prefixSums([1, 2, 3]);
    expect(compareSegments(sums, 0, 1, 2)!.p).toBe(1);
    expect(compareSegments(sums, 0, 0, 2)).toBeNull();
    expect(compareSegments(sums, 0, 2, 2)).toBeNull();
    expect(compareSegments(sums, 0, 2, 4)).toBeNull();
    expect(compareSegments(sums, -1, 1, 3)).toBeNull();
  });
});

describe('relativeChange', () => {
  it('is after/before − 1, with the zero cases spelled out', () => {
    expect(relativeChange(100, 95)).toBeCloseTo(-0.05, 15);
    expect(relativeChange(100, 110)).toBeCloseTo(0.1, 15);
    expect(relativeChange(0, 0)).toBe(0);
    expect(relativeChange(0, 3)).toBe(Infinity);
    expect(relativeChange(0, -3)).toBe(-Infinity);
  });
});
