import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../../../src/domain/stats/holm.js';

describe('holmAdjust', () => {
  it('matches the textbook example', () => {
    // Wikipedia, "Holm–Bonferroni method": p = 0.01, 0.04, 0.03, 0.005 at α = 0.05 rejects H1 and H4.
    // Adjusted (R's p.adjust(…, "holm")): 4·0.005 = 0.02, 3·0.01 = 0.03, 2·0.03 = 0.06, max(0.06, 1·0.04) = 0.06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]) as number[];
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 15));
    expect(adjusted.map((q) => q < 0.05)).toEqual([true, false, false, true]);
  });

  it('passes nulls through without counting them', () => {
    const adjusted = holmAdjust([null, 0.01, null, 0.04, 0.03, 0.005]);
    expect(adjusted[0]).toBeNull();
    expect(adjusted[2]).toBeNull();
    expect(adjusted[1]).toBeCloseTo(0.03, 15);
    expect(adjusted[5]).toBeCloseTo(0.02, 15);
  });

  it('is monotone in the raw order, capped at 1, and the identity for one test', () => {
    expect(holmAdjust([0.5, 0.6, 0.001])).toEqual([1, 1, 0.003]);
    expect(holmAdjust([0.004])).toEqual([0.004]);
    expect(holmAdjust([])).toEqual([]);
    expect(holmAdjust([null])).toEqual([null]);
    // Equal raw p-values get equal adjusted values.
    expect(holmAdjust([0.01, 0.01])).toEqual([0.02, 0.02]);
  });
});
