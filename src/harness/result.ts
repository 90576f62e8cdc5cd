import type { StageShare, TrialOptions } from '../domain/trial.js';
import type { HarnessResult } from './channel.js';
import type { HarnessLatency } from './latency.js';
import type { ResourceUse } from './resources.js';

export interface MeasuredWindow {
  name: string;
  form: HarnessResult['form'];
  options: TrialOptions;
  messages: number;
  elapsedMs: number;
  bytes: number | null;
  latency: HarnessLatency | null;
  stages: StageShare[] | null;
  use: ResourceUse;
}

/** Turns one measured window into the trial's result (rates per second, CPU per message). */
export function toHarnessResult(w: MeasuredWindow): HarnessResult {
  const seconds = w.elapsedMs / 1000;
  return {
    name: w.name,
    form: w.form,
    mode: w.options.rate === null ? 'closed' : 'open',
    messages: w.messages,
    windowMs: w.elapsedMs,
    throughput: seconds > 0 ? w.messages / seconds : 0,
    bytesPerSec: w.bytes === null || seconds <= 0 ? null : w.bytes / seconds,
    latency: w.latency,
    cpuPerMessageUs: w.messages > 0 ? w.use.cpuUs / w.messages : 0,
    elu: w.use.elu,
    gc: { count: w.use.gcCount, pauseMs: w.use.gcPauseMs },
    peakRssBytes: w.use.peakRssBytes,
    peakHeapBytes: w.use.peakHeapBytes,
    stages: w.stages,
    options: w.options,
  };
}
