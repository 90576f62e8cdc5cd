import { describe, expect, it } from 'vitest';
import { signedRankTest } from '../../../../src/domain/stats/signed-rank.js';
import {
  signedRankCounts,
  signedRankExactP,
  signedRankNormalP,
  signedRankQuantile,
} from '../../../../src/domain/stats/signed-rank-distribution.js';

// R's `?wilcox.test` example (Hollander & Wolfe 1973, p. 29): depression scale before (x) and after (y).
const X = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
const D = X.map((x, i) => x - Y[i]!);

/** Largest T with P(V ≤ T) ≤ alpha/2 under H0: the two-sided critical value of a signed-rank table. */
function criticalValue(n: number, alpha: number): number {
  const counts = signedRankCounts(Array.from({ length: n }, (_, i) => i + 1));
  let cumulative = 0;
  let t = -1;
  for (const [v, c] of counts.entries()) {
    cumulative += c;
    if (cumulative / 2 ** n > alpha / 2) break;
    t = v;
  }
  return t;
}

/** p by brute force over all 2ⁿ sign assignments of the given (mid-)ranks. */
function bruteForceP(ranks: readonly number[], v: number): number {
  const n = ranks.length;
  let below = 0;
  let above = 0;
  for (let mask = 0; mask < 2 ** n; mask++) {
    let s = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) s += ranks[i]!;
    if (s <= v + 1e-9) below++;
    if (s >= v - 1e-9) above++;
  }
  return Math.min(1, (2 * Math.min(below, above)) / 2 ** n);
}

describe('signedRankTest', () => {
  it("reproduces R's wilcox.test(x, y, paired = TRUE) example: V = 40, p-value = 0.03906", () => {
    const result = signedRankTest(D)!;
    expect(result.n).toBe(9);
    expect(result.statistic).toBe(40);
    expect(result.exact).toBe(true);
    // P(V ≥ 40) = P(V ≤ 5) = 10/512, so p = 20/512 exactly.
    expect(result.p).toBe(20 / 512);
    expect(result.p).toBeCloseTo(0.03906, 5);
  });

  it('drops zeros, as R does', () => {
    expect(signedRankTest([0, ...D, 0])).toEqual(signedRankTest(D));
  });

  it('returns null without a nonzero finite difference', () => {
    expect(signedRankTest([])).toBeNull();
    expect(signedRankTest([0, 0, 0])).toBeNull();
    expect(signedRankTest([NaN])).toBeNull();
  });

  it('is symmetric: negating every difference keeps p and turns V into n(n+1)/2 − V', () => {
    const a = signedRankTest(D)!;
    const b = signedRankTest(D.map((v) => -v))!;
    expect(b.p).toBe(a.p);
    expect(b.statistic).toBe(45 - a.statistic);
  });

  it('gives the smallest possible p when every difference has the same sign', () => {
    expect(signedRankTest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])!.p).toBe(2 / 1024);
    expect(signedRankTest([-0.1, -0.2, -0.3])!.p).toBe(0.25);
  });

  it('agrees with two-sided table critical values: significant at T, not at T + 1', () => {
    // Critical values T (reject when min(V+, V−) ≤ T), computed exactly here. Published two-sided tables
    // agree: α = 0.05: n = 10 → 8, n = 16 → 29, n = 20 → 52 (University of York table,
    // https://www.york.ac.uk/depts/maths/tables/wilcoxon.htm; Harvey, "Chemometrics Using R", LibreTexts
    // table 12.6 has 8 and 52 but prints 30 for n = 16, which is wrong: P(V ≤ 30 | n = 16) > 0.025).
    // α = 0.01: n = 10 → 3, n = 20 → 37 (standard tables, e.g. Wilcoxon, Katti & Wilcox 1963; cross-checked
    // with SciPy 1.17's exact wilcoxon).
    expect(criticalValue(10, 0.05)).toBe(8);
    expect(criticalValue(10, 0.01)).toBe(3);
    expect(criticalValue(16, 0.05)).toBe(29);
    expect(criticalValue(20, 0.05)).toBe(52);
    expect(criticalValue(20, 0.01)).toBe(37);

    // Differences 1..n whose positive ranks sum to V.
    const withV = (n: number, v: number): number[] => {
      const positive = new Set<number>();
      let rest = v;
      for (let r = n; r >= 1 && rest > 0; r--) {
        if (r <= rest) {
          positive.add(r);
          rest -= r;
        }
      }
      return Array.from({ length: n }, (_, i) => (positive.has(i + 1) ? i + 1 : -(i + 1)));
    };
    const p = (n: number, v: number): number => signedRankTest(withV(n, v))!.p;
    expect(p(10, 8)).toBeLessThanOrEqual(0.05);
    expect(p(10, 9)).toBeGreaterThan(0.05);
    expect(p(10, 3)).toBeLessThanOrEqual(0.01);
    expect(p(10, 4)).toBeGreaterThan(0.01);
    expect(p(20, 52)).toBeLessThanOrEqual(0.05);
    expect(p(20, 53)).toBeGreaterThan(0.05);
    expect(p(20, 37)).toBeLessThanOrEqual(0.01);
    expect(p(20, 38)).toBeGreaterThan(0.01);
  });

  it('handles ties with mid-ranks and the exact conditional distribution', () => {
    // |d| ranks: 0.5 → 1; 1,1,1 → 3 each; 2,2 → 5.5 each; 3 → 7; 4 → 8. Positive: 1, 1, 2, 0.5, 4 → V = 3+3+5.5+1+8.
    const d = [1, -1, 1, 2, -2, 0.5, -3, 4, 0];
    const result = signedRankTest(d)!;
    expect(result.n).toBe(8);
    expect(result.statistic).toBe(20.5);
    expect(result.exact).toBe(true);
    expect(result.p).toBe(bruteForceP([3, 3, 3, 5.5, 5.5, 1, 7, 8], 20.5));
    // Every |d| tied: V counts positives, and the test becomes the two-sided sign test.
    const signs = signedRankTest([1, 1, 1, 1, 1, 1, 1, -1, -1, -1])!;
    expect(signs.statistic).toBe(7 * 5.5);
    expect(signs.p).toBeCloseTo((2 * (1 + 10 + 45 + 120)) / 1024, 15);
  });

  it("uses R's normal approximation beyond n = 50, with tie and continuity corrections", () => {
    // Reference p-values: scipy.stats.wilcoxon(d, zero_method='wilcox', correction=True, method='approx').
    const tied = Array.from({ length: 70 }, (_, i) => (((i * 37) % 23) - 9) / 4); // 3 zeros, many ties
    const a = signedRankTest(tied)!;
    expect(a.exact).toBe(false);
    expect(a.n).toBe(67);
    expect(a.statistic).toBe(1482);
    expect(a.p).toBeCloseTo(0.03224862950945143, 12);
    const untied = Array.from({ length: 60 }, (_, i) => Math.sin(i * 1.7) + 0.25);
    const b = signedRankTest(untied)!;
    expect(b.statistic).toBe(1260);
    expect(b.p).toBeCloseTo(0.011210360790820993, 12);
    // The switch happens after 50.
    expect(signedRankTest(untied.slice(0, 50))!.exact).toBe(true);
    expect(signedRankTest(untied.slice(0, 51))!.exact).toBe(false);
  });
});

describe('signed-rank null distribution', () => {
  it('is exact: the counts sum to 2ⁿ and are symmetric, for every n up to 50', () => {
    for (let n = 1; n <= 50; n++) {
      const counts = signedRankCounts(Array.from({ length: n }, (_, i) => i + 1));
      const max = (n * (n + 1)) / 2;
      expect(counts.length).toBe(max + 1);
      expect(counts.reduce((s, c) => s + c, 0)).toBe(2 ** n);
      for (let s = 0; s <= max; s++) expect(counts[s]).toBe(counts[max - s]);
    }
  });

  it('matches enumeration for small n', () => {
    // n = 4: subsets of {1,2,3,4} by sum 0..10.
    expect(signedRankCounts([1, 2, 3, 4])).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 1]);
    // Doubled mid-ranks of |d| = 1, 1, 2 → ranks 1.5, 1.5, 3 → 3, 3, 6.
    expect(signedRankCounts([3, 3, 6])).toEqual([1, 0, 0, 2, 0, 0, 2, 0, 0, 2, 0, 0, 1]);
    expect(() => signedRankCounts([1.5])).toThrow(RangeError);
  });

  it('has the lower quantiles of R qsignrank', () => {
    // qsignrank(0.025, 9) = 6: P(V ≤ 5) = 10/512 < 0.025 ≤ P(V ≤ 6) = 14/512.
    expect(signedRankQuantile(9, 0.025)).toBe(6);
    expect(signedRankQuantile(10, 0.005)).toBe(4);
    expect(signedRankQuantile(5, 0.025)).toBe(0);
    // Exact values at n = 51, 60 (0.025) from the exact distribution: 454 and 649; the normal approximation
    // used beyond 50 lands on them or within a few ranks on the conservative (lower) side.
    expect(signedRankQuantile(51, 0.025)).toBe(454);
    expect(signedRankQuantile(60, 0.025)).toBe(649);
    expect(signedRankQuantile(51, 0.005)).toBeGreaterThanOrEqual(391 - 3);
    expect(signedRankQuantile(51, 0.005)).toBeLessThanOrEqual(391);
  });

  it('is close to its normal approximation at n = 50', () => {
    const n = 50;
    const counts = signedRankCounts(Array.from({ length: n }, (_, i) => i + 1));
    const below: number[] = [];
    counts.reduce((sum, c, v) => (below[v] = sum + c), 0);
    const doubled = Array.from({ length: n }, (_, i) => 2 * (i + 1));
    for (const v of [300, 400, 637]) expect(signedRankExactP(doubled, 2 * v)).toBe(Math.min(1, (2 * below[v]!) / 2 ** n));
    let worstAbsolute = 0;
    for (let v = 300; v <= 637; v++) {
      const exact = Math.min(1, (2 * below[v]!) / 2 ** n); // lower tail; V ≤ 637 is below the centre 637.5
      const approx = signedRankNormalP(n, v);
      worstAbsolute = Math.max(worstAbsolute, Math.abs(exact - approx));
      // In the tail the approximation is conservative (too large), by up to ~15% at p = 0.005.
      if (exact >= 0.005) expect(Math.abs(approx - exact) / exact).toBeLessThan(0.15);
    }
    expect(worstAbsolute).toBeLessThan(0.004);
  });
});
