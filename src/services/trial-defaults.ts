import { createHash } from 'node:crypto';
import type { RepoConfig } from '../config/repo-config.js';
import { DEFAULT_TRIAL_OPTIONS } from '../domain/trial-options.js';
import type { TrialOptions } from '../domain/trial.js';

/**
 * The trial options a repository's config asks for, and their hash: trials are only reused
 * when they ran with the same options.
 */
export function trialDefaults(config: RepoConfig): { defaults: TrialOptions; optionsHash: string } {
  const defaults: TrialOptions = { ...DEFAULT_TRIAL_OPTIONS, warmupMs: config.warmupMs, durationMs: config.durationMs };
  return { defaults, optionsHash: createHash('sha256').update(JSON.stringify(defaults)).digest('hex').slice(0, 16) };
}
