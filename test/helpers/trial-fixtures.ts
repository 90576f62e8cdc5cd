import type { TrialOutcome, TrialResult } from '../../src/domain/trial.js';

export const NO_OUTPUT = { stdoutTail: '', stderrTail: '', stdoutBytes: 0, stderrBytes: 0 };

/** A plausible result of a closed-loop `handle` trial; override what a test looks at. */
export function trialResult(overrides: Partial<TrialResult> = {}): TrialResult {
  return {
    name: 'ndjson',
    form: 'handle',
    mode: 'closed',
    messages: 1000,
    windowMs: 500,
    throughput: 2000,
    bytesPerSec: null,
    latency: { p50: 0.01, p90: 0.02, p99: 0.05, p999: 0.2, max: 1, mean: 0.012, count: 1000, histogram: 'HISTFAAAAB' },
    cpuPerMessageUs: 9.5,
    elu: 1,
    gc: { count: 2, pauseMs: 1 },
    peakRssBytes: 50 * 1048576,
    peakHeapBytes: 10 * 1048576,
    stages: null,
    options: { warmupMs: 1, durationMs: 1, minMessages: 1, concurrency: 1, rate: null, latency: true },
    ...overrides,
  };
}

/** An `ok` outcome with the given throughput. */
export function okOutcome(throughput: number, overrides: Partial<TrialResult> = {}): TrialOutcome {
  return { kind: 'ok', result: trialResult({ throughput, ...overrides }), reason: '', wallMs: 700, output: NO_OUTPUT };
}
