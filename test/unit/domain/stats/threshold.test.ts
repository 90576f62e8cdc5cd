import { describe, expect, it } from 'vitest';
import { learnedThreshold } from '../../../../src/domain/stats/threshold.js';

const permille = (values: number[]): number[] => values.map((v) => v / 1000);

describe('learnedThreshold (rustc-perf upper fence)', () => {
  it('uses Q3 + 3·IQR with rustc-perf quartiles, odd count', () => {
    // 13 deltas 1..13 ‰: lower part 1..6 → Q1 = 3.5, upper part 8..13 → Q3 = 10.5; 10.5 + 3·7 = 31.5 ‰.
    const deltas = permille([7, -1, 13, 2, -12, 3, 11, 4, -5, 10, 6, 9, -8]);
    expect(learnedThreshold(deltas)).toBeCloseTo(0.0315, 15);
  });

  it('uses Q3 + 3·IQR with rustc-perf quartiles, even count (both middle values left out)', () => {
    // 12 deltas 1..12 ‰: lower part 1..5 → Q1 = 3, upper part 8..12 → Q3 = 10; 10 + 3·7 = 31 ‰.
    // (Type-7 quartiles would give 3.75 and 9.25 → 25.75 ‰.)
    const deltas = permille([12, 1, 11, 2, 10, 3, 9, 4, 8, 5, 7, 6]);
    expect(learnedThreshold(deltas)).toBeCloseTo(0.031, 15);
  });

  it('ignores signs and non-finite values', () => {
    const deltas = permille([12, 1, 11, 2, 10, 3, 9, 4, 8, 5, 7, 6]);
    expect(learnedThreshold([...deltas.map((d) => -d), NaN, Infinity])).toBeCloseTo(0.031, 15);
  });

  it('is the constant itself for a constant series and 0 for no change', () => {
    expect(learnedThreshold(new Array<number>(20).fill(0.01))).toBeCloseTo(0.01, 15);
    expect(learnedThreshold(new Array<number>(20).fill(0))).toBe(0);
  });

  it('returns null with fewer than minPoints deltas', () => {
    const eleven = permille([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(learnedThreshold(eleven)).toBeNull();
    expect(learnedThreshold([...eleven, NaN])).toBeNull();
    // With minPoints 11: lower part 1..5 → Q1 = 3, upper part 7..11 → Q3 = 9; 9 + 3·6 = 27 ‰.
    expect(learnedThreshold(eleven, 11)).toBeCloseTo(0.027, 15);
    expect(learnedThreshold([0.01], 1)).toBeNull(); // at least two, whatever minPoints says
    // Two deltas: Q1 = the smaller, Q3 = the larger (rustc-perf's small-count branch).
    expect(learnedThreshold([0.01, 0.02], 2)).toBeCloseTo(0.02 + 3 * 0.01, 15);
  });
});
