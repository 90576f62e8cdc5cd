import { describe, expect, it } from 'vitest';
import { logRatios, pairedTest } from '../../../../src/domain/stats/paired.js';

// R's `?wilcox.test` paired example as log ratios: head = base·e^d.
const D = [0.952, -0.147, 1.022, 0.43, 0.62, 0.59, 0.49, -0.08, 0.01];

describe('pairedTest', () => {
  it('tests and estimates on log ratios and reports relative changes', () => {
    const base = D.map((_, i) => 100 + i);
    const head = base.map((b, i) => b * Math.exp(D[i]!));
    const result = pairedTest({ base, head }, 0.05);
    expect(result.n).toBe(9);
    expect(result.p).toBeCloseTo(20 / 512, 12); // V = 40 as in R
    // HL estimate of d is 0.46 and its 95% interval [0.01, 0.786] (see hodges-lehmann.test.ts).
    expect(result.change).toBeCloseTo(Math.exp(0.46) - 1, 10);
    expect(result.ci![0]).toBeCloseTo(Math.exp(0.01) - 1, 10);
    expect(result.ci![1]).toBeCloseTo(Math.exp(0.786) - 1, 10);
  });

  it('treats ratios symmetrically: swapping base and head negates the log change', () => {
    const base = [100, 102, 98, 101, 99, 103, 100, 97, 104, 100];
    const head = [95, 96, 94, 97, 93, 99, 95, 92, 98, 96];
    const a = pairedTest({ base, head }, 0.01);
    const b = pairedTest({ base: head, head: base }, 0.01);
    expect(Math.log1p(b.change!)).toBeCloseTo(-Math.log1p(a.change!), 12);
    expect(b.p).toBe(a.p);
    expect(a.p).toBe(2 / 1024); // every pair slower
  });

  it('skips pairs with a value ≤ 0 or not finite, and pairs beyond the shorter side', () => {
    const samples = { base: [100, 0, 100, NaN, 100, -1, 100], head: [110, 100, Infinity, 100, 90, 100] };
    expect(logRatios(samples)).toEqual([Math.log(1.1), Math.log(0.9)]);
    expect(pairedTest(samples, 0.01).n).toBe(2);
  });

  it('reports p = 1 and a zero change when every pair is identical', () => {
    const values = [5, 6, 7, 8, 9, 10, 11, 12];
    expect(pairedTest({ base: values, head: values }, 0.01)).toEqual({ n: 8, change: 0, ci: [0, 0], p: 1 });
  });

  it('has no interval when there are too few pairs for the confidence', () => {
    const result = pairedTest({ base: [100, 100, 100], head: [90, 91, 92] }, 0.01);
    expect(result.n).toBe(3);
    expect(result.ci).toBeNull();
    expect(result.p).toBe(0.25);
    // Walsh averages of l1 < l2 < l3 (lᵢ = ln 0.90, ln 0.91, ln 0.92): the 3rd and 4th are (l1 + l3)/2 and l2.
    const [l1, l2, l3] = [Math.log(0.9), Math.log(0.91), Math.log(0.92)];
    expect(result.change).toBeCloseTo(Math.exp(((l1 + l3) / 2 + l2) / 2) - 1, 12);
  });

  it('returns nulls without a usable pair', () => {
    expect(pairedTest({ base: [], head: [] }, 0.01)).toEqual({ n: 0, change: null, ci: null, p: null });
    expect(pairedTest({ base: [0], head: [1] }, 0.01)).toEqual({ n: 0, change: null, ci: null, p: null });
  });
});
