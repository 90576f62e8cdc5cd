import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/domain/random.js';
import { bisectAll, costHistory, stepCosts } from '../helpers/cost-history.js';

const BASE = 2000;

describe('perfbot bisect on generated histories (real trials)', () => {
  // The step lands on a commit drawn from each seed, so the midpoints visited differ per seed.
  it.each([1, 2, 3, 4, 5])('finds a step of 15 percent at a random commit of 32 exactly (seed %i)', (seed) => {
    const at = 1 + Math.floor(mulberry32(seed)() * 31);
    const h = costHistory(stepCosts(32, BASE, { [at]: 1.15 }));
    const doc = bisectAll(h);
    expect(doc.status, doc.reason).toBe('found');
    expect(doc.culprit!.sha, `step at commit ${at}, blamed ${doc.culprit!.subject}`).toBe(h.shas[at]);
    expect(doc.culprits).toHaveLength(1);
    expect(doc.culprit!.change).toBeLessThan(-0.05);
    // rounds: the confirmation plus one per midpoint, within ⌈log2 31⌉ + 3
    expect(doc.steps.filter((s) => s.verdict !== 'skip').length + 1).toBeLessThanOrEqual(Math.ceil(Math.log2(31)) + 3);
  }, 240_000);

  it.each([
    ['first', 1],
    ['last', 7],
  ])('finds a step at the %s commit after good', (_where, at) => {
    const h = costHistory(stepCosts(8, BASE, { [at]: 1.15 }));
    const doc = bisectAll(h);
    expect(doc.status, doc.reason).toBe('found');
    expect(doc.culprit!.sha).toBe(h.shas[at]);
  }, 240_000);

  it('skips three commits that fail to install next to the culprit and still names it', () => {
    const at = 6;
    const h = costHistory(stepCosts(12, BASE, { [at]: 1.15 }), new Set([at - 1, at + 1, at + 2]));
    const doc = bisectAll(h);
    expect(['found', 'ambiguous']).toContain(doc.status);
    if (doc.status === 'found') expect(doc.culprit!.sha).toBe(h.shas[at]);
    else expect(doc.candidates).toContain(h.shas[at]);
    expect(doc.steps.some((s) => s.verdict === 'skip')).toBe(true);
    for (const s of doc.steps.filter((x) => x.verdict !== 'skip')) expect([at - 1, at + 1, at + 2].map((i) => h.shas[i])).not.toContain(s.sha);
  }, 240_000);

  it('reports not-reproduced when nothing changed between the ends', () => {
    const h = costHistory(stepCosts(12, BASE, {}));
    const doc = bisectAll(h);
    expect(doc.status).toBe('not-reproduced');
    expect(doc.culprit).toBeNull();
    expect(doc.steps).toEqual([]);
    expect(doc.reason).toMatch(/^no regression of at least \d+\.\d% between the ends/);
  }, 240_000);

  it('reports both steps of a history with steps of 8 and 25 percent, the larger first', () => {
    const h = costHistory(stepCosts(16, BASE, { 4: 1.08, 11: 1.25 }));
    const doc = bisectAll(h);
    expect(doc.status, doc.reason).toBe('found');
    expect(doc.culprits.map((c) => c.sha)).toEqual([h.shas[11], h.shas[4]]);
    expect(Math.abs(doc.culprits[0]!.change)).toBeGreaterThan(Math.abs(doc.culprits[1]!.change));
  }, 240_000);
});
