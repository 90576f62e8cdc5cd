import { describe, expect, it } from 'vitest';
import { DEFAULT_TRIAL_OPTIONS, resolveTrialOptions } from '../../../src/domain/trial-options.js';

describe('resolveTrialOptions', () => {
  it('keeps the defaults when the module sets nothing', () => {
    expect(resolveTrialOptions(undefined, DEFAULT_TRIAL_OPTIONS)).toEqual({ ok: true, options: DEFAULT_TRIAL_OPTIONS });
  });

  it('lets the module override durations, concurrency, rate and latency', () => {
    const r = resolveTrialOptions({ warmup: '1s', duration: 300, concurrency: 8, rate: 5000, latency: false, minMessages: 10 }, DEFAULT_TRIAL_OPTIONS);
    expect(r).toEqual({
      ok: true,
      options: { warmupMs: 1000, durationMs: 300, concurrency: 8, rate: 5000, latency: false, minMessages: 10 },
    });
  });

  it.each([
    [{ warmup: 'soon' }, "options.warmup: expected a duration like '250ms', got \"soon\""],
    [{ concurrency: 0 }, 'options.concurrency: expected a positive integer, got 0'],
    [{ concurrency: 1.5 }, 'options.concurrency: expected a positive integer, got 1.5'],
    [{ rate: -5 }, 'options.rate: expected messages per second > 0, got -5'],
    [{ latency: 'yes' }, 'options.latency: expected true or false, got "yes"'],
    ['fast', 'options must be an object'],
  ])('names the bad key in %j', (options, error) => {
    expect(resolveTrialOptions(options, DEFAULT_TRIAL_OPTIONS)).toEqual({ ok: false, error });
  });
});
