import type { MetricComparison, Verdict } from './comparison.js';
import type { Fingerprint } from './fingerprint.js';

/** A revision as reports show it. */
export interface RevisionInfo {
  sha: string;
  /** The ref the user gave (`main`, `HEAD~3`, a sha), when there was one. */
  ref: string | null;
  subject: string | null;
}

/** Which side(s) of a comparison a failure happened on. */
export type Side = 'base' | 'head';

/** One benchmark's comparison. */
export interface BenchmarkComparison {
  name: string;
  /**
   * `ok`: compared. `failed`: no verdict (see `error`, `failedSide`). `new`: the benchmark
   * could not run at base because the code it measures does not exist there yet.
   */
  status: 'ok' | 'failed' | 'new';
  /** One line; `null` unless failed or new. */
  error: string | null;
  failedSide: Side | 'both' | null;
  /** Verdict metrics first (throughput, latency), then informational ones (cpu, rss). */
  metrics: MetricComparison[];
  /** Bottleneck stage of a pipeline on each side; `null` for the handle form. */
  bottleneck: { base: { stage: string; share: number } | null; head: { stage: string; share: number } | null } | null;
  /** Pairs measured (base and head trial each). */
  pairs: number;
}

export interface CompareSummary {
  regressions: number;
  improvements: number;
  unchanged: number;
  inconclusive: number;
  failed: number;
  new: number;
}

/** Everything `perfbot compare` found; the PR comment and `--json` are views of it. */
export interface CompareReport {
  /** Repository as the user named it (path or URL). */
  repository: string;
  base: RevisionInfo;
  head: RevisionInfo;
  /** The revision actually measured as base: the merge-base of base and head. */
  mergeBase: { sha: string; fallback: boolean; warning: string | null };
  fingerprint: Fingerprint;
  benchmarks: BenchmarkComparison[];
  summary: CompareSummary;
  /** Significance level before Holm correction. */
  alpha: number;
  /** Pairs per benchmark: where adaptive pairing started, its cap, and the most any benchmark used. */
  pairs: { initial: number; max: number; used: number };
  /** Trials run in this compare (not counting reused ones) and reused from the store. */
  trials: { run: number; reused: number };
  /** Wall time of the whole compare, in milliseconds. */
  durationMs: number;
  /** Warnings worth showing (fallback base, install reused, ...). */
  warnings: string[];
  /** The repository's `fail_on`: whether a regression fails the check (the PR's status). */
  failOn: 'regression' | 'never';
}

/** The verdict that should headline a benchmark (worst first). */
export const VERDICT_ORDER: readonly Verdict[] = ['regression', 'inconclusive', 'improvement', 'unchanged'];
