import { describe, expect, it } from 'vitest';
import { coefficientOfVariation, mean, median, quantile, standardDeviation } from '../../../src/domain/descriptive.js';

describe('descriptive statistics', () => {
  it('match hand-computed values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([10, 20], 0.9)).toBeCloseTo(19);
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    // Sample SD of 2,4,4,4,5,5,7,9 is sqrt(32/7).
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(coefficientOfVariation([90, 100, 110])).toBeCloseTo(0.1, 12);
  });

  it('return null when there is not enough data', () => {
    expect(median([])).toBeNull();
    expect(mean([])).toBeNull();
    expect(standardDeviation([5])).toBeNull();
    expect(coefficientOfVariation([0, 0])).toBeNull();
  });

  it('do not reorder the input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
