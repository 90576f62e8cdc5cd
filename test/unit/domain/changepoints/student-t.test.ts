import { describe, expect, it } from 'vitest';
import {
  logGamma,
  regularizedIncompleteBeta,
  regularizedIncompleteBetaComplement,
  studentTCdf,
  studentTTwoSidedP,
} from '../../../../src/domain/changepoints/student-t.js';

// Reference values from SciPy 1.17: 2 * scipy.stats.t.sf(|t|, df) and scipy.stats.t.cdf(t, df).
const T: [t: number, df: number, twoSided: number, cdf: number][] = [
  [2.0, 10, 0.07338803477074037, 0.9633059826146299],
  [3.5, 20, 0.002255123153057165, 0.9988724384234714],
  [0.5, 3, 0.651447964848151, 0.6742760175759245],
  [1.0, 1, 0.5000000000000001, 0.75],
  [10, 5, 0.00017094757574296363, 0.9999145262121285],
  [40, 98, 1.6633877203685833e-62, 1],
  [2.5, 1000, 0.012578567801090807, 0.9937107160994546],
  [5, 100000, 5.742701678641679e-7, 0.9999997128649161],
  [-2.2, 15, 0.04389557512749648, 0.02194778756374824],
  [12, 2.5, 0.0028362150300783244, 0.9985818924849609],
  [3, 8000, 0.0027081125822772554, 0.9986459437088614],
  [1e-8, 30, 0.9999999920873563, 0.5000000039563218],
  [6, 48, 2.50733096314491e-7, 0.9999998746334519],
];

// scipy.special.betainc(a, b, x) and betaincc(a, b, x).
const BETA: [x: number, a: number, b: number, lower: number, upper: number][] = [
  [0.3, 2, 3, 0.34829999999999994, 0.6517000000000001],
  [0.9, 0.5, 0.5, 0.7951672353008665, 0.20483276469913342],
  [0.01, 5, 0.5, 2.4712578086395438e-11, 0.9999999999752874],
  [0.999, 200, 0.5, 0.5272441070252349, 0.47275589297476484],
  [0.5, 1, 1, 0.5, 0.5],
  [0.2, 10, 20, 0.049263517304212585, 0.9507364826957875],
  [0.95, 1000, 3, 6.891276173250678e-20, 1],
];

// Python's math.lgamma.
const LGAMMA: [x: number, value: number][] = [
  [0.5, 0.5723649429247004],
  [3.7, 1.4280723266653883],
  [10, 12.801827480081467],
  [100, 359.1342053695754],
  [1e4, 82099.71749644238],
  [0.01, 4.599479878042022],
];

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('Student t distribution', () => {
  it('gives the two-sided p-values of the issue: t = 2, df = 10 → 0.0734; t = 3.5, df = 20 → 0.00226', () => {
    expect(studentTTwoSidedP(2, 10)).toBeCloseTo(0.0734, 4);
    // The issue quotes ≈ 0.00224; SciPy, R's 2*pt(-3.5, 20) and this code agree on 0.0022551.
    expect(studentTTwoSidedP(3.5, 20)).toBeCloseTo(0.0022551, 7);
  });

  it('matches SciPy to 10 significant digits, far tails and large df included', () => {
    for (const [t, df, twoSided, cdf] of T) {
      expect(relativeError(studentTTwoSidedP(t, df), twoSided), `p(${t}, ${df})`).toBeLessThan(1e-10);
      expect(relativeError(studentTTwoSidedP(-t, df), twoSided)).toBeLessThan(1e-10);
      expect(relativeError(studentTCdf(t, df), cdf), `cdf(${t}, ${df})`).toBeLessThan(1e-10);
    }
  });

  it('handles the edges: t = 0, infinite t, invalid arguments', () => {
    expect(studentTTwoSidedP(0, 7)).toBe(1);
    expect(studentTCdf(0, 7)).toBe(0.5);
    expect(studentTTwoSidedP(Infinity, 3)).toBe(0);
    expect(studentTTwoSidedP(1e200, 3)).toBe(0);
    expect(studentTCdf(-Infinity, 3)).toBe(0);
    expect(studentTCdf(Infinity, 3)).toBe(1);
    expect(studentTTwoSidedP(NaN, 3)).toBeNaN();
    expect(studentTTwoSidedP(1, 0)).toBeNaN();
    expect(studentTCdf(1, -1)).toBeNaN();
  });

  it('is monotone in t and approaches the normal distribution for large df', () => {
    let previous = 1;
    for (let t = 0.1; t < 12; t += 0.1) {
      const p = studentTTwoSidedP(t, 9);
      expect(p).toBeLessThan(previous);
      previous = p;
    }
    // 2·Φ(−1.96) = 0.04999579...
    expect(studentTTwoSidedP(1.959963984540054, 1e7)).toBeCloseTo(0.05, 6);
  });
});

describe('regularized incomplete beta', () => {
  it('matches SciPy on both sides of the mean, each tail with its relative precision', () => {
    for (const [x, a, b, lower, upper] of BETA) {
      expect(relativeError(regularizedIncompleteBeta(x, a, b), lower), `I(${x}; ${a}, ${b})`).toBeLessThan(1e-10);
      expect(relativeError(regularizedIncompleteBetaComplement(x, a, b), upper)).toBeLessThan(1e-10);
    }
  });

  it('is a CDF: 0 at 0, 1 at 1, NaN outside', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(regularizedIncompleteBeta(-0.1, 2, 3)).toBeNaN();
    expect(regularizedIncompleteBeta(0.5, 0, 3)).toBeNaN();
    // Symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
    expect(regularizedIncompleteBeta(0.37, 4.5, 2)).toBeCloseTo(1 - regularizedIncompleteBeta(0.63, 2, 4.5), 14);
  });
});

describe('log gamma', () => {
  it('matches lgamma to 14 significant digits', () => {
    for (const [x, value] of LGAMMA) expect(relativeError(logGamma(x), value), `lgamma(${x})`).toBeLessThan(1e-13);
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
  });
});
