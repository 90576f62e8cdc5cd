import { describe, expect, it } from 'vitest';
import { minimumPairs, nextPairTarget, scheduleLooks } from '../../../../src/domain/stats/adaptive.js';

describe('nextPairTarget', () => {
  it('doubles from the initial count: 10 → 20 → 40 → 80', () => {
    expect(nextPairTarget(0, 10, 80)).toBe(10);
    expect(nextPairTarget(10, 10, 80)).toBe(20);
    expect(nextPairTarget(20, 10, 80)).toBe(40);
    expect(nextPairTarget(40, 10, 80)).toBe(80);
  });

  it('caps at max and stops there', () => {
    expect(nextPairTarget(40, 10, 60)).toBe(60);
    expect(nextPairTarget(60, 10, 60)).toBeNull();
    expect(nextPairTarget(80, 10, 80)).toBeNull();
    expect(nextPairTarget(90, 10, 80)).toBeNull();
    expect(nextPairTarget(5, 10, 8)).toBe(8);
  });

  it('goes to the next step from an off-schedule count', () => {
    expect(nextPairTarget(15, 10, 80)).toBe(20);
    expect(nextPairTarget(7, 10, 80)).toBe(10);
    expect(nextPairTarget(0, 0, 4)).toBe(1);
  });
});

describe('scheduleLooks and minimumPairs', () => {
  it('counts the looks of the schedule', () => {
    expect(scheduleLooks(10, 40)).toBe(3); // 10, 20, 40
    expect(scheduleLooks(10, 80)).toBe(4);
    expect(scheduleLooks(10, 10)).toBe(1);
    expect(scheduleLooks(16, 40)).toBe(3); // 16, 32, 40
  });

  it('finds the pair count below which a Holm-corrected exact test can never reject', () => {
    expect(minimumPairs(1, 0.01)).toBe(8); // 2/2^8 = 0.0078 < 0.01, 2/2^7 = 0.0156 is not
    expect(minimumPairs(4, 0.01)).toBe(10); // 2/1024 · 4 = 0.0078
    expect(minimumPairs(32, 0.01)).toBe(13); // 2/8192 · 32 = 0.0078
    expect(minimumPairs(32, 0.01 / 3)).toBe(15);
  });
});
