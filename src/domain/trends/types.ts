import type { Better } from '../metrics.js';

/** One recorded revision of the default branch in a series. */
export interface SeriesPoint {
  sha: string;
  /** Commit time, ISO 8601. */
  at: string;
  /** Median of the revision's trials, in the metric's unit. */
  value: number;
  /** Trials behind the median. */
  n: number;
  /** Coefficient of variation of those trials; `null` with fewer than 2. */
  cv: number | null;
  author: string | null;
  subject: string | null;
}

/** A metric of a benchmark over the default branch, oldest point first. */
export interface Series {
  benchmark: string;
  metric: string;
  unit: string;
  better: Better;
  points: SeriesPoint[];
}

/** Who or what a change is blamed on. */
export interface TrendCulprit {
  sha: string;
  subject: string | null;
  author: string | null;
  /** The pull request that brought the commit in, when known. */
  pr: number | null;
}

/** A change point of a stored series, before culprits, PRs and acknowledgements are known. */
export interface DetectedChange {
  benchmark: string;
  metric: string;
  kind: 'regression' | 'improvement';
  /** The first recorded revision at the new level. */
  at: SeriesPoint;
  /** The last recorded revision before it. */
  previous: SeriesPoint;
  /** Mean of the segments before and after, in the metric's unit. */
  before: number;
  after: number;
  /** after/before − 1. */
  change: number;
  /** An interval for `change` (fractions), or `null` when too few points. */
  ci: [number, number] | null;
  /** p of the change point's t-test. */
  p: number;
}

/** A change point of a series, found by change-point detection over the default branch. */
export interface TrendChange extends DetectedChange {
  unit: string;
  /** Commits between `previous` and `at` that were not recorded (0: `at` is the culprit). */
  unmeasured: number;
  /** The commit that did it: `at` itself when nothing lies between, or what a bisect found; `null` while unknown. */
  culprit: TrendCulprit | null;
  /** `pending`: a bisect is queued; `none`: no bisect (nothing between, or over budget). */
  bisect: 'found' | 'ambiguous' | 'pending' | 'none' | 'not-reproduced';
  /** Who acknowledged it (login), or `null`. */
  acknowledgedBy: string | null;
}

/** A benchmark's current level against a week and four weeks ago. */
export interface LevelRow {
  benchmark: string;
  metric: string;
  unit: string;
  better: Better;
  now: number | null;
  weekAgo: number | null;
  fourWeeksAgo: number | null;
  /** The last (up to) 30 points, oldest first, for the sparkline. */
  recent: number[];
}

/** A series whose trials disagree most with each other. */
export interface NoisySeries {
  benchmark: string;
  metric: string;
  /** Median CV of its recent points, as a fraction. */
  cv: number;
}

/** Everything the weekly report issue shows (design §6, issue "Trends"). */
export interface TrendReport {
  /** `owner/name` or the path of a local repository. */
  repository: string;
  /** Monday of the report's week, `YYYY-MM-DD` (UTC). */
  weekOf: string;
  /** When the report was built, ISO 8601. */
  generatedAt: string;
  /** Recorded revisions in the report's window (the last four weeks). */
  revisions: number;
  /** Changes whose first new point lies in this week, largest first. */
  changes: TrendChange[];
  /** One row per benchmark and verdict metric shown (throughput and p99). */
  levels: LevelRow[];
  /** Up to three series that moved most over four weeks, for the chart (their last 30 points). */
  movers: Series[];
  /** The noisiest series, noisiest first (at most five). */
  noisiest: NoisySeries[];
  /** Benchmarks whose latest recorded trials failed, with the reason. */
  failed: { benchmark: string; sha: string; reason: string }[];
  /** The report issue this one replaces, when there is one. */
  previousIssue: { number: number; url: string } | null;
}
