import { describe, expect, it } from 'vitest';
import { bisect, pickMidpoint } from '../../../../src/domain/bisect/search.js';
import type { BisectOptions } from '../../../../src/domain/bisect/types.js';
import { gaussian, mulberry32 } from '../stats/helpers/random.js';

/**
 * A simulated history: commit i has throughput 1000 × Π(1 − step) over the steps at or before
 * it; every trial adds lognormal noise of `cv`, as fresh processes do.
 */
function history(opts: { commits: number; steps: Record<number, number>; cv?: number; seed?: number; broken?: number[] }) {
  const commits = Array.from({ length: opts.commits }, (_, i) => `c${String(i).padStart(2, '0')}`.padEnd(40, '0'));
  const normal = gaussian(mulberry32(opts.seed ?? 1));
  const level = (i: number) => Object.entries(opts.steps).reduce((v, [at, drop]) => (i >= Number(at) ? v * (1 - drop) : v), 1000);
  const measured: string[] = [];
  const measure: BisectOptions['measure'] = async (sha) => {
    const i = commits.indexOf(sha);
    if (opts.broken?.includes(i)) return null;
    measured.push(sha);
    return { value: level(i) * Math.exp(normal() * (opts.cv ?? 0.04)), fresh: true };
  };
  return { commits, measure, measured };
}

const run = (h: ReturnType<typeof history>, over: Partial<BisectOptions> = {}) =>
  bisect({ commits: h.commits, measure: h.measure, better: 'higher', threshold: 0.02, alpha: 0.01, samples: { initial: 10, max: 40 }, budget: 2000, ...over });

describe('bisect search (simulated history, 4% trial noise)', () => {
  it.each([3, 11, 17, 24, 30])('finds a 15 percent step at commit %i of 32 exactly', async (at) => {
    const h = history({ commits: 32, steps: { [at]: 0.15 }, seed: at });
    const r = await run(h);
    expect(r.status).toBe('found');
    expect(r.culprits.map((c) => c.sha)).toEqual([h.commits[at]]);
    expect(r.culprits[0]!.change).toBeLessThan(-0.1);
    expect(r.rounds).toBeLessThanOrEqual(Math.ceil(Math.log2(32)) + 3);
  });

  it('finds a step at the first and at the last commit after good', async () => {
    for (const at of [1, 31]) {
      const h = history({ commits: 32, steps: { [at]: 0.15 }, seed: 100 + at });
      const r = await run(h);
      expect(r.culprits.map((c) => c.sha)).toEqual([h.commits[at]]);
    }
  });

  it('says not-reproduced when nothing changed between the ends', async () => {
    const h = history({ commits: 32, steps: {}, seed: 5 });
    const r = await run(h);
    expect(r.status).toBe('not-reproduced');
    expect(r.culprits).toEqual([]);
    expect(r.reason).toMatch(/^no regression of at least 2\.0% between the ends/);
  });

  it('reports two steps, the larger first', async () => {
    const h = history({ commits: 32, steps: { 9: 0.08, 22: 0.25 }, seed: 9 });
    const r = await run(h);
    expect(r.status).toBe('found');
    expect(r.culprits.map((c) => c.sha)).toEqual([h.commits[22], h.commits[9]]);
  });

  it('does not report a second step that is only noise (15 percent trial noise, 60 histories)', async () => {
    let extra = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const h = history({ commits: 32, steps: { [1 + (seed * 7) % 31]: 0.1 }, cv: 0.15, seed });
      const r = await run(h, { samples: { initial: 8, max: 16 } });
      extra += r.culprits.length > 1 ? 1 : 0;
    }
    expect(extra).toBe(0);
  });

  it('skips commits that cannot be measured and names the suspects', async () => {
    const h = history({ commits: 32, steps: { 14: 0.15 }, seed: 14, broken: [11, 12, 13] });
    const r = await run(h);
    expect(['found', 'ambiguous']).toContain(r.status);
    expect(r.steps.filter((s) => s.verdict === 'skip').length).toBeGreaterThan(0);
    if (r.status === 'ambiguous') expect(r.candidates).toContain(h.commits[14]);
    else expect(r.culprits[0]!.sha).toBe(h.commits[14]);
  });

  it('names every suspect when the culprit hides among unmeasurable commits', async () => {
    const h = history({ commits: 16, steps: { 6: 0.2 }, seed: 6, broken: [5, 6] });
    const r = await run(h);
    expect(r.status).toBe('ambiguous');
    expect(r.candidates).toEqual([h.commits[5], h.commits[6], h.commits[7]]);
  });

  it('stops within its budget and says the range that is left', async () => {
    const h = history({ commits: 64, steps: { 40: 0.1 }, seed: 40 });
    const r = await run(h, { budget: 60 });
    expect(r.trials).toBeLessThanOrEqual(60);
    expect(r.status).toBe('ambiguous');
    expect(r.candidates).toContain(h.commits[40]);
    expect(r.reason).toContain('budget of 60 trials');
  });

  it('measures both ends again in every step, interleaved with the midpoint', async () => {
    const h = history({ commits: 32, steps: { 20: 0.15 }, seed: 20 });
    const r = await run(h);
    expect(r.trials).toBe(h.measured.length);
    for (const step of r.steps) {
      expect(step.trials % 3).toBe(0);
      expect(step.trials).toBeGreaterThanOrEqual(30);
    }
    // Rotating order: lo, mid, hi, then mid, hi, lo, ...
    const firstStep = h.measured.slice(20, 26);
    expect(new Set(firstStep.slice(0, 3)).size).toBe(3);
    expect(firstStep[3]).toBe(firstStep[1]);
  });
});

describe('pickMidpoint', () => {
  const commits = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  it('takes the lower midpoint, then the nearest measurable neighbour', () => {
    expect(pickMidpoint(commits, 0, 6, new Set())).toBe('d');
    expect(pickMidpoint(commits, 0, 5, new Set())).toBe('c');
    expect(pickMidpoint(commits, 0, 6, new Set(['d']))).toBe('c');
    expect(pickMidpoint(commits, 0, 6, new Set(['d', 'c']))).toBe('e');
    expect(() => pickMidpoint(commits, 2, 3, new Set())).toThrow();
  });
});
