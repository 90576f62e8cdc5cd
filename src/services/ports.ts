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
