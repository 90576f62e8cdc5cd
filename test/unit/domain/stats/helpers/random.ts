/** Seeded randomness for the statistics simulations: deterministic across runs and platforms. */

import type { PairedSamples } from '../../../../../src/domain/comparison.js';

export { gaussian, mulberry32 } from '../../../../../src/domain/random.js';

/**
 * Simulated pairs: every trial value is median × exp(N(0, cv)), independently for base and head,
 * with the head median (1 + shift) times the base median.
 */
export function simulatePairs(normal: () => number, pairs: number, cv: number, shift: number, median = 1000): PairedSamples {
  const base: number[] = [];
  const head: number[] = [];
  for (let i = 0; i < pairs; i++) {
    base.push(median * Math.exp(cv * normal()));
    head.push(median * (1 + shift) * Math.exp(cv * normal()));
  }
  return { base, head };
}
