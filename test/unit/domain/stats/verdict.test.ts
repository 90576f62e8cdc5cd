import { describe, expect, it } from 'vitest';
import type { Better } from '../../../../src/domain/metrics.js';
import { decideVerdict } from '../../../../src/domain/stats/verdict.js';

const TAU = 0.02;
const ALPHA = 0.01;
const decide = (change: number | null, ci: [number, number] | null, p: number | null, better: Better = 'higher') =>
  decideVerdict({ change, ci, p, better, threshold: TAU, alpha: ALPHA });

describe('decideVerdict', () => {
  it('regression: significant and at least τ in the bad direction (higher is better)', () => {
    expect(decide(-0.05, [-0.08, -0.03], 0.001)).toBe('regression');
    expect(decide(-TAU, [-0.04, -0.001], 0.009)).toBe('regression'); // boundary: change = −τ counts
  });

  it('regression: significant and at least τ in the bad direction (lower is better)', () => {
    expect(decide(0.05, [0.03, 0.08], 0.001, 'lower')).toBe('regression');
    expect(decide(TAU, [0.001, 0.04], 0.009, 'lower')).toBe('regression');
  });

  it('improvement: the symmetric rule', () => {
    expect(decide(0.05, [0.03, 0.08], 0.001)).toBe('improvement');
    expect(decide(TAU, [0.001, 0.04], 0.001)).toBe('improvement');
    expect(decide(-0.05, [-0.08, -0.03], 0.001, 'lower')).toBe('improvement');
  });

  it('not significant at p = α: a large change is only inconclusive', () => {
    expect(decide(-0.05, [-0.1, 0.01], ALPHA)).toBe('inconclusive');
    expect(decide(-0.05, [-0.1, 0.01], null)).toBe('inconclusive');
  });

  it('unchanged: the whole interval strictly inside (−τ, +τ), significant or not', () => {
    expect(decide(0.001, [-0.01, 0.012], 0.6)).toBe('unchanged');
    expect(decide(-0.01, [-0.015, -0.005], 0.001)).toBe('unchanged'); // significant but small, CI inside
    expect(decide(0, [-0.019999, 0.019999], null)).toBe('unchanged');
  });

  it('inconclusive: the interval touches or crosses ±τ', () => {
    expect(decide(0, [-TAU, 0.01], 0.9)).toBe('inconclusive'); // boundary: −τ is not inside
    expect(decide(0, [-0.01, TAU], 0.9)).toBe('inconclusive');
    expect(decide(-0.01, [-0.025, -0.002], 0.001)).toBe('inconclusive'); // significant, small, CI pokes out
    expect(decide(-0.019999, [-0.03, -0.01], 0.001)).toBe('inconclusive'); // just short of τ
  });

  it('inconclusive without an interval or a change', () => {
    expect(decide(0.001, null, 0.9)).toBe('inconclusive');
    expect(decide(null, null, null)).toBe('inconclusive');
  });

  it('a zero change is never a regression, even with τ = 0', () => {
    expect(decideVerdict({ change: 0, ci: [-0.01, 0.01], p: 0.001, better: 'higher', threshold: 0, alpha: ALPHA })).toBe(
      'inconclusive',
    );
  });
});
