import type { RepoConfig } from '../config/repo-config.js';
import type { MetricComparison } from '../domain/comparison.js';
import type { Fingerprint } from '../domain/fingerprint.js';
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

/** Where progress lines go (stderr in the CLI, a log in the app); `step` of `total` draws a bar on a TTY. */
export interface ProgressSink {
  (line: string, step?: { done: number; total: number }): void;
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

/** Commit metadata of a revision. */
export interface CommitInfo {
  sha: string;
  parents: string[];
  /** ISO 8601 author date. */
  authorDate: string;
  author: string;
  subject: string;
}

/** A checked-out revision; `release()` removes it. */
export interface Checkout {
  sha: string;
  dir: string;
  release(): Promise<void>;
}

/** Revisions of one repository (adapter: WorktreeWorkspace). */
export interface Workspace {
  /** @throws an error naming the ref when it is no revision */
  resolve(ref: string): Promise<string>;
  /** @returns `null` when the two share no history */
  mergeBase(a: string, b: string): Promise<string | null>;
  /** The last `count` commits of the first-parent line ending at `sha`, oldest first. */
  history(sha: string, count: number): Promise<string[]>;
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
  commitInfo(sha: string): Promise<CommitInfo>;
  checkout(sha: string): Promise<Checkout>;
  /** Commits after `from` up to `to`, oldest first (first parents only by default). */
  revList(from: string, to: string, firstParent?: boolean): Promise<string[]>;
}

/** What a checkout needs before benchmarks run (from the repo config). */
export interface PrepareSteps {
  install: string | null | undefined;
  build: string | null;
  env: readonly string[];
}

export type PrepareOutcome =
  | { ok: true; install: 'none' | 'reused' | 'fresh'; log: string }
  | { ok: false; step: 'install' | 'build'; reason: string; tail: string };

/** Installs and builds a checkout (adapter: RevisionPreparer). Never throws for the repo's own failures. */
export interface Preparer {
  prepare(dir: string, steps: PrepareSteps): Promise<PrepareOutcome>;
}

/** One benchmark of a suite placed in checkouts. */
export interface SuiteBenchmark {
  /** Stable key: the module's path where the suite came from. */
  key: string;
  name: string;
  /** Its path inside a checkout once placed. */
  placedPath: string;
}

/** A suite that can be placed in any checkout. */
export interface Suite {
  benchmarks: SuiteBenchmark[];
  /** Identifies the benchmark code. */
  hash: string;
  place(dir: string): Promise<void>;
}

/** Trials and runs, as the services need them (adapter: SqliteResultStore). */
export interface ResultStore {
  repositoryId(key: string): number;
  revisionId(repositoryId: number, revision: { sha: string; parents: string[]; author: string | null; authorDate: string | null; subject: string | null }): number;
  fingerprintId(f: Fingerprint): number;
  startRun(run: { repositoryId: number; kind: RunKind; baseSha?: string | null; headSha?: string | null; mergeBaseSha?: string | null; trigger?: string; args?: unknown }): number;
  finishRun(runId: number, status: Exclude<RunStatus, 'running'>, error?: string | null): void;
  recordTrial(t: TrialKey & { runId: number; name: string; pairIndex: number | null; side: 'base' | 'head' | null; outcome: TrialOutcome }): number;
  pairs(base: TrialKey, headRevisionId: number): { base: TrialOutcome; head: TrialOutcome }[];
  /** Every stored trial with this key, oldest first. */
  trials(key: TrialKey): StoredTrial[];
  saveComparisons(runId: number, rows: readonly { benchmark: string; pairs: number; comparison: MetricComparison }[]): void;
  /** Medians of a metric over the default branch's recorded revisions, oldest first. */
  seriesMedians(repositoryId: number, benchmark: string, metric: string, fingerprintId: number): number[];
}

/** What compare and bisect need to measure revisions of one repository. */
export interface MeasurementDeps {
  workspace: Workspace;
  store: ResultStore;
  /** A trial runner with the config's limits (timeout, memory, env allowlist). */
  runnerFor(config: RepoConfig): TrialRunner;
  preparer: Preparer;
  /** The repo config, from a file the user named or from a checkout (head, or bisect's bad end). */
  loadConfig(dir: string): Promise<RepoConfig>;
  /** The suite, from that checkout (config globs) or from `--suite DIR`. */
  loadSuite(dir: string, config: RepoConfig): Promise<Suite>;
  fingerprint: Fingerprint;
  progress: ProgressSink;
}
