import { DEFAULT_TRIAL_OPTIONS } from '../domain/trial-options.js';
import type { RawRepoConfig } from './schema.js';

/** The repository config with every default filled in. */
export interface RepoConfig {
  /** Install command; `undefined` = detect from the lockfile, `null` = no install. */
  install: string | null | undefined;
  build: string | null;
  /** Globs of benchmark modules, relative to the repository root; `null` = the defaults. */
  benchmarks: string[] | null;
  /** Trials per benchmark for `perfbot bench`; the first pair count for compare. */
  trials: number;
  maxPairs: number;
  warmupMs: number;
  durationMs: number;
  /** Smallest change worth reporting per metric, as a fraction (0.02 = 2%). */
  thresholds: Record<string, number>;
  failOn: 'regression' | 'never';
  /** Wall-clock limit of one trial, in milliseconds. */
  timeoutMs: number;
  /** V8 heap cap of a trial process, in MB. */
  memoryMb: number;
  /** Extra environment variable names trials may see. */
  env: string[];
  runsOn: 'members' | 'command';
  /** Trials per benchmark when recording a default-branch revision (fewer than a PR's pairs). */
  recordTrials: number;
  /** Automatic bisects of default-branch change points a week may start. */
  bisectBudget: number;
}

/** Where benchmarks are looked for when the config names no globs (design §2.1)... */
export const DEFAULT_BENCHMARK_GLOBS = ['benchmarks/**/*.bench.{js,mjs}'];
/** ...and, when that finds none, anywhere in the repository. */
export const FALLBACK_BENCHMARK_GLOBS = ['**/*.bench.{js,mjs}'];

/** Default thresholds (design §5): 2% throughput, 5% median latency, 10% tail latency. */
export const DEFAULT_THRESHOLDS: Record<string, number> = {
  throughput: 0.02,
  'latency.p50': 0.05,
  'latency.p99': 0.1,
  'latency.p999': 0.1,
  cpu: 0.05,
  rss: 0.1,
};

/** Fills the defaults into a validated config file (or an empty one). */
export function withDefaults(raw: RawRepoConfig = {}): RepoConfig {
  return {
    install: raw.install,
    build: raw.build ?? null,
    benchmarks: raw.benchmarks ?? null,
    trials: raw.trials ?? 10,
    maxPairs: raw.max_pairs ?? 40,
    warmupMs: raw.warmup ?? DEFAULT_TRIAL_OPTIONS.warmupMs,
    durationMs: raw.duration ?? DEFAULT_TRIAL_OPTIONS.durationMs,
    thresholds: { ...DEFAULT_THRESHOLDS, ...(raw.thresholds ?? {}) },
    failOn: raw.fail_on ?? 'regression',
    timeoutMs: raw.timeout ?? 60_000,
    memoryMb: raw.memory ?? 1024,
    env: raw.env ?? [],
    runsOn: raw.runs_on ?? 'members',
    recordTrials: raw.record_trials ?? 5,
    bisectBudget: raw.bisect_budget ?? 3,
  };
}
