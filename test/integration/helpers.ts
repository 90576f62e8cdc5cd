import { fileURLToPath } from 'node:url';
import { discoverSuite } from '../../src/adapters/suite/discovery.js';
import { DEFAULT_TRIAL_OPTIONS } from '../../src/domain/trial-options.js';
import type { TrialOptions } from '../../src/domain/trial.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Short trials: tests check behaviour, not precise numbers. */
export const QUICK: TrialOptions = { ...DEFAULT_TRIAL_OPTIONS, warmupMs: 50, durationMs: 150 };

export function fixtureSuite(folder: string) {
  return discoverSuite(FIXTURES + folder, ['*.bench.mjs']);
}
