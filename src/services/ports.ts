import type { TrialOptions, TrialOutcome } from '../domain/trial.js';

/** One trial to run: a benchmark module measured in a checkout. */
export interface TrialRequest {
  /** Absolute path of the benchmark module. */
  file: string;
  /** The checkout under test; the trial process runs there. */
  cwd: string;
  /** Options before the module's own options are applied. */
  defaults: TrialOptions;
}

/** Runs trials in isolation and never throws for anything the benchmark does. */
export interface TrialRunner {
  run(request: TrialRequest): Promise<TrialOutcome>;
}

/** Where progress lines go (stderr in the CLI, a log in the app). */
export interface ProgressSink {
  (line: string): void;
}

/** The kinds of run perfbot records. */
export type RunKind = 'bench' | 'compare' | 'bisect' | 'record';
export type RunStatus = 'running' | 'done' | 'failed' | 'interrupted';

/** Identifies trials that may be reused: same revision, benchmark code, machine and options. */
export interface TrialKey {
  revisionId: number;
  /** The benchmark module's path in the suite. */
  benchmark: string;
  suiteHash: string;
  fingerprintId: number;
  optionsHash: string;
}

/** A stored trial outcome with where it was measured. */
export interface StoredTrial {
  id: number;
  runId: number;
  pairIndex: number | null;
  side: 'base' | 'head' | null;
  outcome: TrialOutcome;
}
