/** What the app remembers about weekly reports (adapter: SqliteReportState). `repository` is `owner/name`. */
export interface ReportState {
  /** @returns the report filed for a week (`issue` `null`: nothing was recorded, none filed), or `null` when none was */
  filed(repository: string, weekOf: string): { issue: { number: number; url: string } | null } | null;
  saveFiled(repository: string, weekOf: string, issue: { number: number; url: string } | null): void;
  /** Automatic bisects started in a week (the weekly budget counts them). */
  bisectsOf(repository: string, weekOf: string): number;
  /** The bisect of a change, when one was started: its job and, once done, what it found. */
  trendBisect(repository: string, change: TrendBisectKey): { jobId: number; status: string | null; culprit: string | null } | null;
  addTrendBisect(repository: string, weekOf: string, change: TrendBisectKey, jobId: number): void;
  finishTrendBisect(repository: string, change: TrendBisectKey, status: string, culprit: string | null): void;
}

/** A change point between two recorded revisions, as a bisect of it is known. */
export interface TrendBisectKey {
  benchmark: string;
  metric: string;
  good: string;
  bad: string;
}
