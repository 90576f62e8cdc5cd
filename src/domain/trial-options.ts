import { parseDuration } from './duration.js';
import type { TrialOptions } from './trial.js';

/** Defaults for every trial unless the repo config or the benchmark module says otherwise. */
export const DEFAULT_TRIAL_OPTIONS: TrialOptions = {
  warmupMs: 250,
  durationMs: 500,
  minMessages: 100,
  concurrency: 1,
  rate: null,
  latency: true,
};

/**
 * Merges a benchmark module's `options` over the defaults (the module is more specific
 * than the repo config, so it wins).
 * @returns the options, or an error string naming the bad key.
 */
export function resolveTrialOptions(
  moduleOptions: unknown,
  defaults: TrialOptions,
): { ok: true; options: TrialOptions } | { ok: false; error: string } {
  if (moduleOptions === undefined || moduleOptions === null) return { ok: true, options: { ...defaults } };
  if (typeof moduleOptions !== 'object') return { ok: false, error: 'options must be an object' };
  const o = moduleOptions as Record<string, unknown>;
  const options = { ...defaults };
  for (const key of ['warmup', 'duration'] as const) {
    if (o[key] === undefined) continue;
    const ms = typeof o[key] === 'string' || typeof o[key] === 'number' ? parseDuration(o[key] as string | number) : null;
    if (ms === null) return { ok: false, error: `options.${key}: expected a duration like '250ms', got ${JSON.stringify(o[key])}` };
    if (key === 'warmup') options.warmupMs = ms;
    else options.durationMs = ms;
  }
  const positiveInt = (key: string, value: unknown): string | null =>
    Number.isInteger(value) && (value as number) >= 1 ? null : `options.${key}: expected a positive integer, got ${JSON.stringify(value)}`;
  if (o.concurrency !== undefined) {
    const error = positiveInt('concurrency', o.concurrency);
    if (error) return { ok: false, error };
    options.concurrency = o.concurrency as number;
  }
  if (o.minMessages !== undefined) {
    const error = positiveInt('minMessages', o.minMessages);
    if (error) return { ok: false, error };
    options.minMessages = o.minMessages as number;
  }
  if (o.rate !== undefined && o.rate !== null) {
    if (typeof o.rate !== 'number' || !(o.rate > 0) || !Number.isFinite(o.rate)) {
      return { ok: false, error: `options.rate: expected messages per second > 0, got ${JSON.stringify(o.rate)}` };
    }
    options.rate = o.rate;
  }
  if (o.latency !== undefined) {
    if (typeof o.latency !== 'boolean') return { ok: false, error: `options.latency: expected true or false, got ${JSON.stringify(o.latency)}` };
    options.latency = o.latency;
  }
  return { ok: true, options };
}
