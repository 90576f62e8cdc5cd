import type { Better } from '../metrics.js';

/** What bisection concluded (design §2.3 `bisect --json`). */
export type BisectStatus = 'found' | 'not-reproduced' | 'ambiguous';

/** A commit the search blames, with the change across it. */
export interface Culprit {
  sha: string;
  /** Relative change of the metric across the commit (head/base − 1 in the metric's unit). */
  change: number;
  ci: [number, number] | null;
}

/** One visited revision. */
export interface BisectStep {
  sha: string;
  verdict: 'good' | 'bad' | 'skip';
  /** Trials measured at this revision during the step (new ones, not reused). */
  trials: number;
  /** Why it was skipped, or how sure the verdict is. */
  note: string | null;
}

export interface BisectResult {
  status: BisectStatus;
  /** Every step found, largest change first; empty unless found or ambiguous with a confirmed step. */
  culprits: Culprit[];
  /** When skipped commits leave more than one suspect: every suspect, oldest first. */
  candidates: string[];
  steps: BisectStep[];
  /** The change between the two ends, measured again at the start. */
  confirmed: Culprit | null;
  /** Trials measured by this search (reused ones not counted). */
  trials: number;
  /** Samples taken from trials stored earlier (a resumed or repeated bisect). */
  reused: number;
  /** Measurement rounds: the confirmation plus one per midpoint classified. */
  rounds: number;
  /** One line on why the search ended as it did. */
  reason: string;
}

/** One trial's value of the metric at a revision, or `null` when the revision cannot be measured. */
export type Measure = (sha: string) => Promise<{ value: number; fresh: boolean } | null>;

export interface BisectOptions {
  /** Commits oldest first: `[0]` is the good end, the last one the bad end. */
  commits: readonly string[];
  measure: Measure;
  better: Better;
  /** Smallest change worth a culprit, as a fraction. */
  threshold: number;
  alpha: number;
  /** Samples per revision to start a comparison with, and the most it may grow to. */
  samples: { initial: number; max: number };
  /** Most new trials the whole search may run. */
  budget: number;
  /** Progress for humans: the step, commits left, trials used. */
  progress?: (line: string) => void;
}

/** A bisect's answer with what a note needs to show. */
export interface BisectReport {
  result: BisectResult;
  /** When the culprit is a merge commit: the bisection of the branch it merged. */
  merged: { merge: string; result: BisectResult } | null;
  benchmark: string;
  metric: string;
  good: string;
  bad: string;
  /** Commits after good up to bad. */
  commits: number;
  /** Subject and author of the revisions the answer names. */
  info: Map<string, { subject: string; author: string }>;
}
