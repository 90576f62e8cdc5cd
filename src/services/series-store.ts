import type { SeriesPoint } from '../domain/trends/types.js';

/** Where a point belongs: a repository, a recorded revision, the machine it ran on, a benchmark. */
export interface PointKey {
  repositoryId: number;
  revisionId: number;
  fingerprintId: number;
  /** The benchmark's key (its suite path). */
  benchmark: string;
}

/** A metric's summary over the trials of one recorded revision. */
export interface PointValue {
  metric: string;
  /** Median, in the metric's unit. */
  median: number;
  n: number;
  /** Coefficient of variation; `null` with fewer than 2 trials. */
  cv: number | null;
}

/** A stored series: the points of one benchmark's metric on one machine, oldest commit first. */
export interface StoredSeries {
  benchmark: string;
  metric: string;
  points: SeriesPoint[];
}

/** The default branch's history as the trend report reads it (adapter: SqliteSeriesStore). */
export interface SeriesStore {
  /** @returns whether this revision already has a point (or a recorded failure) for the benchmark */
  hasPoint(key: PointKey): boolean;
  savePoints(key: PointKey, values: readonly PointValue[]): void;
  /** Records that every trial of the benchmark failed at this revision. */
  saveFailure(key: PointKey, reason: string): void;
  /** Every series of a repository on one machine; with `since` (ISO), only points committed at or after it; with `metrics`, only those. */
  series(repositoryId: number, fingerprintId: number, since?: string, metrics?: readonly string[]): StoredSeries[];
  /** Failures at the newest recorded revision of each benchmark (a benchmark that works again has none). */
  latestFailures(repositoryId: number, fingerprintId: number): { benchmark: string; sha: string; reason: string }[];
  /** @returns the commit time (ISO) of the newest recorded revision, or `null` */
  newestPoint(repositoryId: number, fingerprintId: number): string | null;
  /** @returns the fingerprint with the most points among the newest recorded revisions (the runner that records it now), or `null` */
  mainFingerprint(repositoryId: number): number | null;
}
