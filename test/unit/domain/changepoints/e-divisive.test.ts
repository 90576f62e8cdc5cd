import { describe, expect, it } from 'vitest';
import { bestSplit, divergence, eDivisive, energyTable } from '../../../../src/domain/changepoints/e-divisive.js';
import { compareSegments, prefixSums } from '../../../../src/domain/changepoints/segments.js';
import { gaussian, mulberry32 } from '../../../../src/domain/random.js';

/** Q̂ straight from Matteson & James: (nm/(n+m))·(2·mean|X−Y| − mean_{i<k}|Xᵢ−X_k| − mean_{j<k}|Yⱼ−Y_k|). */
function naiveQ(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const m = y.length;
  let between = 0;
  for (const a of x) for (const b of y) between += Math.abs(a - b);
  const withinMean = (z: readonly number[]): number => {
    if (z.length < 2) return 0;
    let s = 0;
    for (let i = 0; i < z.length; i++) for (let k = i + 1; k < z.length; k++) s += Math.abs(z[i]! - z[k]!);
    return s / ((z.length * (z.length - 1)) / 2);
  };
  return ((n * m) / (n + m)) * ((2 * between) / (n * m) - withinMean(x) - withinMean(y));
}

function randomSeries(seed: number, n: number): number[] {
  const normal = gaussian(mulberry32(seed));
  return Array.from({ length: n }, (_, i) => (i > n / 2 ? 3 : 0) + normal());
}

describe('energy table and divergence', () => {
  it('gives Matteson & James Q̂ for every pair of adjacent segments', () => {
    const values = randomSeries(7, 23);
    const table = energyTable(values, 0, values.length);
    for (let s = 0; s < values.length; s++) {
      for (let t = s + 1; t < values.length; t++) {
        for (let k = t + 1; k <= values.length; k++) {
          const expected = naiveQ(values.slice(s, t), values.slice(t, k));
          expect(Math.abs(divergence(table, s, t, k) - expected)).toBeLessThan(1e-9 * (1 + Math.abs(expected)));
        }
      }
    }
  });

  it('covers an offset window of a longer series and reuses scratch storage', () => {
    const values = randomSeries(8, 40);
    const scratch = new Float64Array(16 * 16);
    const table = energyTable(values, 20, 35, scratch);
    expect(table.size).toBe(15);
    expect(table.within).toBe(scratch);
    expect(divergence(table, 2, 6, 15)).toBeCloseTo(naiveQ(values.slice(22, 26), values.slice(26, 35)), 10);
  });
});

describe('bestSplit', () => {
  it('maximises Q̂ over the split τ and the free end κ, as a brute-force search does', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const values = randomSeries(seed, 17);
      const table = energyTable(values, 0, values.length);
      let best = { index: -1, q: -Infinity };
      for (let t = 3; t < 14; t++) {
        for (let k = t + 1; k <= 14; k++) {
          const q = naiveQ(values.slice(2, t), values.slice(t, k));
          if (q > best.q + 1e-9) best = { index: t, q };
        }
      }
      const got = bestSplit(table, 2, 14)!;
      expect(got.index).toBe(best.index);
      expect(got.q).toBeCloseTo(best.q, 9);
    }
  });

  it('finds a clean step exactly and prefers the earliest split on ties', () => {
    const table = energyTable([1, 1, 1, 1, 5, 5, 5], 0, 7);
    expect(bestSplit(table, 0, 7)!.index).toBe(4);
    expect(bestSplit(energyTable([2, 2, 2, 2], 0, 4), 0, 4)).toEqual({ index: 1, q: 0 });
  });

  it('needs two values', () => {
    const table = energyTable([1, 2, 3], 0, 3);
    expect(bestSplit(table, 1, 2)).toBeNull();
    expect(bestSplit(table, 1, 3)).toEqual({ index: 2, q: 1 });
  });
});

describe('eDivisive', () => {
  const wobble = (v: number, i: number): number => v + ((i * 7) % 3) * 0.1;
  const staircase = [10, 10, 10, 10, 10, 20, 20, 20, 20, 20, 20, 30, 30, 30, 30, 30].map(wobble);

  it('splits recursively while the test accepts, and reports points in order with the caller’s offset', () => {
    const padded = [99, 99, ...staircase];
    const sums = prefixSums(padded);
    const tested: [number, number, number][] = [];
    const points = eDivisive(padded, 2, padded.length, {
      isSignificant: (start, split, end) => {
        tested.push([start, split, end]);
        return compareSegments(sums, start, split, end)!.p <= 0.01;
      },
    });
    expect(points).toEqual([7, 13]);
    // Each candidate is tested on the whole interval that holds it; the third (inside the 20s) fails and ends the search.
    expect(tested).toEqual([
      [2, 7, 18],
      [7, 13, 18],
      [7, 8, 13],
    ]);
  });

  it('tests a candidate against the rest of its interval, not just up to κ (as Otava)', () => {
    // Q̂ picks 10 → 20 with κ stopping before the 5s, but the t-test compares the 10s with the 20s and 5s together.
    const upDown = [10, 10, 10, 10, 10, 20, 20, 20, 20, 20, 20, 5, 5, 5, 5, 5].map(wobble);
    const sums = prefixSums(upDown);
    const isSignificant = (start: number, split: number, end: number): boolean =>
      compareSegments(sums, start, split, end)!.p <= 0.01;
    expect(eDivisive(upDown, 0, upDown.length, { isSignificant })).toEqual([]);
  });

  it('stops at the first candidate the test rejects', () => {
    let calls = 0;
    const points = eDivisive(staircase, 0, staircase.length, {
      isSignificant: () => {
        calls++;
        return calls === 1;
      },
    });
    expect(points).toHaveLength(1);
    expect(calls).toBe(2);
  });

  it('finds nothing in fewer than two values', () => {
    expect(eDivisive([1], 0, 1, { isSignificant: () => true })).toEqual([]);
    expect(eDivisive([1, 2, 3], 1, 1, { isSignificant: () => true })).toEqual([]);
  });
});
