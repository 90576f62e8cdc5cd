import { summarizeBenchmark, type BenchmarkSummary } from '../domain/bench-summary.js';
import type { TrialOptions, TrialOutcome } from '../domain/trial.js';
import type { ProgressSink, TrialRunner } from './ports.js';

/** A benchmark module to measure. */
export interface BenchTarget {
  file: string;
  path: string;
  name: string;
}

export interface BenchInput {
  targets: readonly BenchTarget[];
  /** The checkout the trials run in. */
  cwd: string;
  trials: number;
  defaults: TrialOptions;
  runner: TrialRunner;
  progress: ProgressSink;
}

/**
 * Runs `trials` trials of every benchmark, round-robin (trial 1 of each, then trial 2...)
 * so slow drifts of the machine spread over all benchmarks instead of hitting one.
 * Never throws for a benchmark's failure: it becomes that benchmark's outcome.
 */
export async function runBench(input: BenchInput): Promise<BenchmarkSummary[]> {
  const outcomes: TrialOutcome[][] = input.targets.map(() => []);
  const total = input.targets.length * input.trials;
  let done = 0;
  for (let trial = 0; trial < input.trials; trial++) {
    for (const [i, target] of input.targets.entries()) {
      const outcome = await input.runner.run({ file: target.file, cwd: input.cwd, defaults: input.defaults });
      outcomes[i]!.push(outcome);
      done++;
      input.progress(`[${done}/${total}] ${target.name} trial ${trial + 1}/${input.trials}: ${describe(outcome)}`, { done, total });
    }
  }
  return input.targets.map((t, i) => summarizeBenchmark(t.name, t.path, outcomes[i]!));
}

function describe(outcome: TrialOutcome): string {
  if (outcome.kind !== 'ok') return `${outcome.kind}: ${outcome.reason}`;
  const rate = Math.round(outcome.result.throughput).toLocaleString('en-US');
  return `ok, ${rate} msg/s${outcome.reason ? ` (${outcome.reason})` : ''}`;
}
