import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, normalQuantile } from '../../../../src/domain/stats/normal.js';

// Reference values from scipy.stats.norm.cdf / norm.ppf (SciPy 1.17).
const CDF: [number, number][] = [
  [-10, 7.61985302416047e-24],
  [-5, 2.866515718791933e-7],
  [-3, 0.0013498980316300933],
  [-2.5, 0.006209665325776132],
  [-1.96, 0.024997895148220435],
  [-1, 0.15865525393145707],
  [0, 0.5],
  [0.5, 0.6914624612740131],
  [1.7, 0.955434537241457],
  [3.1, 0.9990323967867817],
];
const PPF: [number, number][] = [
  [1e-10, -6.361340902404056],
  [0.005, -2.575829303548901],
  [0.025, -1.9599639845400545],
  [0.3, -0.5244005127080409],
  [0.5, 0],
  [0.975, 1.959963984540054],
];

describe('standard normal', () => {
  it('matches SciPy to about 12 significant digits, tails included', () => {
    for (const [z, expected] of CDF) {
      expect(Math.abs(normalCdf(z) - expected) / expected).toBeLessThan(1e-12);
    }
  });

  it('inverts the CDF', () => {
    for (const [p, expected] of PPF) expect(normalQuantile(p)).toBeCloseTo(expected, 10);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(2)).toBeNaN();
  });

  it('keeps erfc consistent across the switch from series to continued fraction', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(2.5 - 1e-12)).toBeCloseTo(erfc(2.5), 14);
    expect(erfc(-1) + erfc(1)).toBeCloseTo(2, 15);
    expect(erfc(30)).toBe(0);
  });
});
