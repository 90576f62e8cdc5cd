import { describe, expect, it } from 'vitest';
import { parseDuration, parsePercent } from '../../../src/domain/duration.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['1.5s', 1500],
    ['2m', 120_000],
    ['500us', 0.5],
    [' 3 s ', 3000],
    ['40', 40],
    [75, 75],
  ])('%j is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'fast', '-1s', '1 fortnight', '1e3ms'])('rejects %j', (text) => expect(parseDuration(text)).toBeNull());
  it('rejects negative and non-finite numbers', () => {
    expect(parseDuration(-1)).toBeNull();
    expect(parseDuration(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('parsePercent', () => {
  it('reads percentages and fractions', () => {
    expect(parsePercent('2%')).toBeCloseTo(0.02);
    expect(parsePercent('0.5 %')).toBeCloseTo(0.005);
    expect(parsePercent('0.05')).toBeCloseTo(0.05);
    expect(parsePercent(0.1)).toBe(0.1);
  });
  it('rejects text that is no percentage', () => {
    expect(parsePercent('two')).toBeNull();
    expect(parsePercent('-2%')).toBeNull();
  });
});
