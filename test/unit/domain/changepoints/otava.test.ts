import { describe, expect, it } from 'vitest';
import {
  CHANGE_POINT_DEFAULTS,
  MIN_SERIES_LENGTH,
  detectChangePoints,
  weakPValue,
  type ChangePointOptions,
} from '../../../../src/domain/changepoints/index.js';
import { gaussian, mulberry32 } from '../../../../src/domain/random.js';
import { TIGERBEETLE } from './tigerbeetle.js';

/** level · shape(i) · (1 + cv·N(0, 1)), seeded: multiplicative noise with a coefficient of variation `cv`. */
function series(seed: number, n: number, cv: number, shape: (i: number) => number = () => 1): number[] {
  const normal = gaussian(mulberry32(seed));
  return Array.from({ length: n }, (_, i) => 1000 * shape(i) * (1 + cv * normal()));
}

const indices = (x: readonly number[], options?: ChangePointOptions): number[] =>
  detectChangePoints(x, options).map((c) => c.index);

/** How many of `seeds` seeded series get at least one change point. */
function seriesWithChangePoints(seeds: number, make: (seed: number) => number[], options?: ChangePointOptions): number {
  let count = 0;
  for (let seed = 1; seed <= seeds; seed++) if (detectChangePoints(make(seed), options).length > 0) count++;
  return count;
}

describe('detectChangePoints: synthetic series with known answers', () => {
  it('finds a single step up at its index, with the means, change and p of the two segments', () => {
    const x = series(1, 120, 0.03, (i) => (i >= 70 ? 1.1 : 1));
    const found = detectChangePoints(x);
    expect(found).toHaveLength(1);
    const [cp] = found;
    expect(cp!.index).toBe(70);
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    expect(cp!.before).toBeCloseTo(mean(x.slice(0, 70)), 9);
    expect(cp!.after).toBeCloseTo(mean(x.slice(70)), 9);
    expect(cp!.change).toBeCloseTo(cp!.after / cp!.before - 1, 12);
    expect(cp!.change).toBeGreaterThan(0.08);
    expect(cp!.change).toBeLessThan(0.12);
    expect(cp!.p).toBeLessThan(1e-20);
  });

  it('finds a single step down at its index', () => {
    for (const seed of [1, 2, 3]) {
      const found = detectChangePoints(series(seed, 120, 0.03, (i) => (i >= 45 ? 0.9 : 1)));
      expect(found.map((c) => c.index)).toEqual([45]);
      expect(found[0]!.change).toBeLessThan(-0.08);
    }
  });

  it('finds two steps, each against its own neighbouring segments', () => {
    for (const seed of [1, 2, 3]) {
      const found = detectChangePoints(series(seed, 150, 0.03, (i) => (i >= 90 ? 1.08 * 0.88 : i >= 40 ? 1.08 : 1)));
      expect(found.map((c) => c.index)).toEqual([40, 90]);
      expect(found[0]!.change).toBeGreaterThan(0.05);
      expect(found[1]!.change).toBeLessThan(-0.09);
      // The second point's "before" is the segment between the two steps.
      expect(found[1]!.before).toBeCloseTo(found[0]!.after, 9);
    }
  });

  it('finds the 5% step buried in 3% noise over 60 points at the right index ±1', () => {
    const found = detectChangePoints(series(1, 60, 0.03, (i) => (i >= 30 ? 1.05 : 1)));
    expect(found).toHaveLength(1);
    expect(Math.abs(found[0]!.index - 30)).toBeLessThanOrEqual(1);
    // Across 200 such series (each step is 1.7 noise sd): one point in 195, within ±1 in 145, within ±3 in 176.
    let within1 = 0;
    let within3 = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const cps = detectChangePoints(series(seed, 60, 0.03, (i) => (i >= 30 ? 1.05 : 1)));
      if (cps.length === 1 && Math.abs(cps[0]!.index - 30) <= 1) within1++;
      if (cps.length === 1 && Math.abs(cps[0]!.index - 30) <= 3) within3++;
    }
    expect(within1).toBeGreaterThanOrEqual(130);
    expect(within3).toBeGreaterThanOrEqual(165);
  });

  it('reports no step on a slow linear ramp (a rise of a third of the noise sd over 200 points)', () => {
    const ramp = (seed: number): number[] => series(seed, 200, 0.03, (i) => 1 + (0.01 * i) / 199);
    expect(indices(ramp(2))).toEqual([]);
    expect(indices(ramp(3))).toEqual([]);
    // About as often as on flat noise (11 in 200, next test): 20 in 200.
    expect(seriesWithChangePoints(200, ramp)).toBeLessThanOrEqual(30);
  });

  it('reports a steep ramp (4 noise sd over 200 points) as steps, as Otava does', () => {
    const steep = detectChangePoints(series(3, 200, 0.03, (i) => 1 + (0.12 * i) / 199));
    expect(steep.length).toBeGreaterThanOrEqual(1);
    for (const cp of steep) expect(cp.change).toBeGreaterThan(0);
  });

  it('reports nothing in heavy noise without a step (20% noise, 200 points)', () => {
    for (const seed of [1, 2, 3, 4, 5]) expect(indices(series(seed, 200, 0.2))).toEqual([]);
    // The t-test's p is taken after E-Divisive picked the best split, so it is not a calibrated rate:
    // 11 of 200 noise-only series get a point at the default p ≤ 0.001.
    expect(seriesWithChangePoints(200, (seed) => series(seed, 200, 0.2))).toBeLessThanOrEqual(20);
  });

  it('reports no step for single outliers', () => {
    for (const seed of [1, 2, 3]) {
      const x = series(seed, 200, 0.03);
      x[33]! *= 1.5;
      x[74]! *= 0.6;
      x[150]! *= 1.4;
      expect(indices(x)).toEqual([]);
    }
  });

  it('does not report an outlier at the end of a window as a step up and a step down, which Otava does', () => {
    // The window [25, 75) finds 74; the next window starts at 74 and finds 75.
    const x = series(1, 200, 0.03);
    x[74]! *= 1.5;
    expect(indices(x, { otavaCompatible: true })).toEqual([74, 75]);
    expect(indices(x, { minSegment: 1 })).toEqual([74, 75]);
    expect(indices(x)).toEqual([]);
    // Over 200 series with one outlier at the last place of some window: Otava 153 times, here 4.
    const outlierAtWindowEnd = (seed: number): number[] => {
      const y = series(seed, 200, 0.03);
      y[24 + 25 * (seed % 7)]! *= 1.5;
      return y;
    };
    expect(seriesWithChangePoints(200, outlierAtWindowEnd, { otavaCompatible: true })).toBeGreaterThan(100);
    expect(seriesWithChangePoints(200, outlierAtWindowEnd)).toBeLessThanOrEqual(10);
  });

  it('finds an exact step in constant data, with p = 0', () => {
    const found = detectChangePoints([...Array<number>(10).fill(5), ...Array<number>(10).fill(7)]);
    expect(found).toEqual([{ index: 10, before: 5, after: 7, change: 7 / 5 - 1, p: 0 }]);
    expect(detectChangePoints(Array<number>(100).fill(0.3))).toEqual([]);
  });

  it('gives the same points whatever the scale or offset of the series', () => {
    const x = series(1, 300, 0.02, (i) => (i >= 120 ? 0.93 : i >= 60 ? 1.05 : 1));
    const expected = indices(x);
    expect(expected).toEqual([60, 120]);
    expect(indices(x.map((v) => v * 1e-6))).toEqual(expected);
    expect(indices(x.map((v) => v * 1e6 + 1e9))).toEqual(expected);
  });
});

describe('detectChangePoints: options and edges', () => {
  it('drops change points below the magnitude floor and keeps those at or above it', () => {
    const x = series(5, 100, 0.003, (i) => (i >= 50 ? 1.03 : 1));
    expect(indices(x)).toEqual([50]);
    expect(indices(x, { minMagnitude: 0.02 })).toEqual([50]);
    expect(indices(x, { minMagnitude: 0.04 })).toEqual([]);
    const [cp] = detectChangePoints(x);
    expect(indices(x, { minMagnitude: Math.abs(cp!.change) })).toEqual([50]);
  });

  it('merges away a weaker step first, then re-tests its neighbours over the longer segments', () => {
    // A 1% step in 0.3% noise sits between two 10% steps; τ = 5% removes it, and the steps around it remain.
    const x = series(6, 150, 0.003, (i) => (i >= 100 ? 1.1 * 1.01 * 1.1 : i >= 70 ? 1.1 * 1.01 : i >= 40 ? 1.1 : 1));
    expect(indices(x)).toEqual([40, 70, 100]);
    const floored = detectChangePoints(x, { minMagnitude: 0.05 });
    expect(floored.map((c) => c.index)).toEqual([40, 100]);
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    expect(floored[0]!.after).toBeCloseTo(mean(x.slice(40, 100)), 9);
    expect(floored[1]!.before).toBeCloseTo(mean(x.slice(40, 100)), 9);
  });

  it('applies maxPValue: a 2.5% step in 3% noise passes at p ≤ 0.01, not at the default 0.001', () => {
    const x = series(3, 80, 0.03, (i) => (i >= 40 ? 1.025 : 1));
    const found = detectChangePoints(x, { maxPValue: 0.01 });
    expect(found.map((c) => c.index)).toEqual([42]);
    expect(found[0]!.p).toBeGreaterThan(0.001);
    expect(found[0]!.p).toBeLessThanOrEqual(0.01);
    expect(indices(x)).toEqual([]);
  });

  it('skips non-finite values and reports indices into the original series', () => {
    const clean = series(1, 120, 0.03, (i) => (i >= 70 ? 1.1 : 1));
    const gappy: number[] = [];
    const at: number[] = [];
    clean.forEach((v, i) => {
      if (i % 10 === 3) gappy.push(NaN);
      if (i === 70) gappy.push(Infinity, -Infinity);
      at.push(gappy.length);
      gappy.push(v);
    });
    const expected = detectChangePoints(clean);
    const got = detectChangePoints(gappy);
    // The index is that of the first finite value of the new level, past the ±Infinity just before it.
    expect(got.map((c) => c.index)).toEqual([at[70]]);
    expect(at[70]).toBe(79);
    expect(gappy[78]).toBe(-Infinity);
    const stats = (cps: typeof got): unknown => cps.map(({ before, after, p }) => ({ before, after, p }));
    expect(stats(got)).toEqual(stats(expected));
  });

  it(`needs ${MIN_SERIES_LENGTH} finite values`, () => {
    expect(MIN_SERIES_LENGTH).toBe(6);
    expect(detectChangePoints([])).toEqual([]);
    expect(detectChangePoints([1, 1, 1, 9, 9])).toEqual([]);
    expect(detectChangePoints([1, 1, 1, 9, 9, NaN, NaN])).toEqual([]);
    expect(indices([1, 1, 1, 9, 9, 9])).toEqual([3]);
  });

  it('rejects invalid options', () => {
    const x = series(1, 20, 0.03);
    expect(() => detectChangePoints(x, { window: 1 })).toThrow(RangeError);
    expect(() => detectChangePoints(x, { window: 10.5 })).toThrow(RangeError);
    expect(() => detectChangePoints(x, { maxPValue: 0 })).toThrow(RangeError);
    expect(() => detectChangePoints(x, { maxPValue: 1.5 })).toThrow(RangeError);
    expect(() => detectChangePoints(x, { minMagnitude: -0.1 })).toThrow(RangeError);
    expect(() => detectChangePoints(x, { minMagnitude: NaN })).toThrow(RangeError);
    expect(() => detectChangePoints(x, { minSegment: 0 })).toThrow(RangeError);
  });

  it('has Otava’s defaults and first-pass threshold', () => {
    expect(CHANGE_POINT_DEFAULTS).toMatchObject({ window: 50, maxPValue: 0.001, minMagnitude: 0, minSegment: 2 });
    expect(weakPValue(0.001)).toBeCloseTo(0.01, 15);
    expect(weakPValue(0.1)).toBeCloseTo(0.2, 15);
    expect(weakPValue(0.6)).toBe(0.6);
  });
});

describe('detectChangePoints against Apache Otava', () => {
  // Expected indices: Otava's own tests/tigerbeetle_test.py (apache/otava 1ceb153), window 30.
  const OTAVA_TESTS: [maxPValue: number, minMagnitude: number, expected: number[]][] = [
    [0.01, 0.05, [15, 71]],
    [0.05, 0.05, [15, 71]],
    [0.1, 0.05, [10, 11, 15, 71, 363]],
    [0.2, 0.05, [10, 11, 15, 71]],
    [
      0.1,
      0,
      [
        3, 6, 10, 11, 15, 16, 28, 29, 35, 37, 39, 41, 44, 48, 49, 61, 71, 95, 117, 131, 142, 148, 165, 169, 192, 206, 212,
        260, 265, 268, 278, 282, 288, 305, 363,
      ],
    ],
    [0.01, 0, [15, 26, 61, 71, 95, 117, 131, 142, 148, 165, 169, 192, 212, 260]],
    [0.001, 0, [15, 61, 71, 95, 117, 131, 142, 148, 192, 212, 260]],
    [0.0001, 0, [71, 95, 117, 131, 142, 148, 192, 212]],
    [0.00001, 0, [71, 95, 131, 192, 212]],
  ];

  it('reproduces Otava’s TigerBeetle test expectations exactly when otavaCompatible', () => {
    for (const [maxPValue, minMagnitude, expected] of OTAVA_TESTS) {
      const options = { window: 30, maxPValue, minMagnitude, otavaCompatible: true };
      expect(indices(TIGERBEETLE, options), `p ${maxPValue}, τ ${minMagnitude}`).toEqual(expected);
    }
  });

  it('matches Otava with its defects fixed (sample variances, both neighbours re-tested, ≤/≥) on TigerBeetle', () => {
    // Computed by Otava's analysis.py patched for the documented differences (minSegment 1: Otava has none).
    const tb = (options: ChangePointOptions): number[] => indices(TIGERBEETLE, { minSegment: 1, ...options });
    expect(tb({ window: 30, maxPValue: 0.001 })).toEqual([15, 61, 71, 95, 117, 131, 142, 148, 192, 212]);
    expect(tb({ window: 30, maxPValue: 0.1, minMagnitude: 0.05 })).toEqual([10, 11, 15, 71]);
    expect(tb({ window: 50, maxPValue: 0.001, minMagnitude: 0.02 })).toEqual([15, 61, 71, 95, 131, 192]);
  });

  it('matches Otava, as is and with its defects fixed, on a noise-only series where they differ', () => {
    // 120 values of 1% noise, p ≤ 0.01: Otava's population variances make seven points of what the
    // sample variances see as one. Expected indices from Otava's analysis.py, unpatched and patched.
    const x = series(232, 120, 0.01);
    expect(indices(x, { maxPValue: 0.01, otavaCompatible: true })).toEqual([5, 17, 86, 87, 94, 99, 108]);
    expect(indices(x, { maxPValue: 0.01, minSegment: 1 })).toEqual([5]);
    expect(indices(x, { maxPValue: 0.01 })).toEqual([5]);
  });

  it('with the defaults and τ = 2% finds the TigerBeetle drops and rises, not the one-value anomaly at 10', () => {
    const found = detectChangePoints(TIGERBEETLE, { minMagnitude: 0.02 });
    expect(found.map((c) => c.index)).toEqual([15, 61, 71, 95, 131, 192]);
    expect(found[0]!.change).toBeCloseTo(-0.089, 3);
    expect(found[2]!.change).toBeCloseTo(0.16, 2);
  });
});
