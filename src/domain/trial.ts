/**
 * Trial vocabulary shared by the harness (inside the trial process), the runner
 * (the parent) and the services. Pure types and constructors: no I/O.
 */

/** How a benchmark drives its work: one call per message, or a chain of stream stages. */
export type BenchmarkForm = 'handle' | 'pipeline';

/** Closed loop: the next message waits for a free slot. Open loop: messages are due on a fixed schedule. */
export type LoadMode = 'closed' | 'open';

/** Options of one trial after defaults, module options and config have been merged. */
export interface TrialOptions {
  /** Warm-up before the measured window, in milliseconds. */
  warmupMs: number;
  /** Length of the measured window, in milliseconds (extended until `minMessages`). */
  durationMs: number;
  /** The measured window never ends before this many messages completed. */
  minMessages: number;
  /** Messages in flight at once (closed loop), or the most the open loop lets run at once. */
  concurrency: number;
  /** Messages per second for an open-loop trial; `null` means closed loop. */
  rate: number | null;
  /** Record per-message latency into an HDR histogram (handle form only). */
  latency: boolean;
}

/** Latency of one trial, in milliseconds, from its HDR histogram. */
export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
  /** Messages recorded. */
  count: number;
  /** The histogram (nanosecond values) as HdrHistogram compressed base64. */
  histogram: string;
}

/** Busy time of one pipeline stage during the measured window. */
export interface StageShare {
  name: string;
  /** Time the stage spent working (not waiting on its input), in milliseconds. */
  busyMs: number;
  /** `busyMs` over the busy time of all stages, 0..1. */
  share: number;
}

/** Everything one successful trial measured. */
export interface TrialResult {
  name: string;
  form: BenchmarkForm;
  mode: LoadMode;
  /** Messages completed in the measured window. */
  messages: number;
  /** Length of the measured window, in milliseconds. */
  windowMs: number;
  /** Messages per second. */
  throughput: number;
  /** Bytes per second when messages are Buffers or strings, else `null`. */
  bytesPerSec: number | null;
  /** `null` for the pipeline form or when latency recording is off. */
  latency: LatencySummary | null;
  /** CPU time (user + system) per message, in microseconds. */
  cpuPerMessageUs: number;
  /** Event-loop utilization over the measured window, 0..1. */
  elu: number;
  gc: { count: number; pauseMs: number };
  /** Peak resident set size of the trial process, in bytes. */
  peakRssBytes: number;
  /** Peak V8 heap used that the harness observed, in bytes. */
  peakHeapBytes: number;
  /** Pipeline stages with their busy share, `null` for the handle form. */
  stages: StageShare[] | null;
  options: TrialOptions;
}

/** Phases a trial goes through, reported in heartbeats and errors. */
export type TrialPhase = 'load' | 'setup' | 'warmup' | 'measure' | 'teardown';

/** Output the runner kept of a trial process (tails only; sizes are the totals written). */
export interface CapturedOutput {
  stdoutTail: string;
  stderrTail: string;
  stdoutBytes: number;
  stderrBytes: number;
}

interface OutcomeBase {
  /** One line naming the cause; for `ok`, an empty string or a warning. */
  reason: string;
  /** Wall time of the whole trial process, in milliseconds. */
  wallMs: number;
  output: CapturedOutput;
}

/** What became of one trial. */
export type TrialOutcome =
  | (OutcomeBase & { kind: 'ok'; result: TrialResult })
  | (OutcomeBase & { kind: 'failed'; exitCode: number | null; signal: string | null; phase: TrialPhase | null })
  | (OutcomeBase & { kind: 'timeout'; timeout: 'wall-clock' | 'inactivity'; phase: TrialPhase | null })
  | (OutcomeBase & { kind: 'invalid-output' })
  | (OutcomeBase & { kind: 'out-of-memory'; limitMb: number });

export type TrialOutcomeKind = TrialOutcome['kind'];
