import type Database from 'better-sqlite3';
import type { ReportState, TrendBisectKey } from '../../services/trends/report-state.js';
import { migrate } from './migrations.js';
import { statementCache } from './statements.js';

/** Weekly reports and automatic bisects in perfbot's SQLite database (`db/005-reports.sql`). */
export class SqliteReportState implements ReportState {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(
    db: Database.Database,
    private readonly clock: () => number = Date.now,
  ) {
    migrate(db);
    this.sql = statementCache(db);
  }

  filed(repository: string, weekOf: string): { issue: { number: number; url: string } | null } | null {
    const row = this.sql('SELECT issue_number, issue_url FROM reports WHERE repository = ? AND week_of = ?').get(repository, weekOf) as
      | { issue_number: number | null; issue_url: string | null }
      | undefined;
    if (!row) return null;
    return { issue: row.issue_number === null ? null : { number: row.issue_number, url: row.issue_url ?? '' } };
  }

  saveFiled(repository: string, weekOf: string, issue: { number: number; url: string } | null): void {
    this.sql('INSERT OR REPLACE INTO reports (repository, week_of, issue_number, issue_url, filed_at) VALUES (?, ?, ?, ?, ?)').run(
      repository,
      weekOf,
      issue?.number ?? null,
      issue?.url ?? null,
      this.clock(),
    );
  }

  bisectsOf(repository: string, weekOf: string): number {
    return (this.sql('SELECT count(*) AS n FROM trend_bisects WHERE repository = ? AND week_of = ?').get(repository, weekOf) as { n: number }).n;
  }

  trendBisect(repository: string, c: TrendBisectKey): { jobId: number; status: string | null; culprit: string | null } | null {
    const row = this.sql('SELECT job_id, status, culprit FROM trend_bisects WHERE repository = ? AND benchmark = ? AND metric = ? AND good = ? AND bad = ?').get(
      repository,
      c.benchmark,
      c.metric,
      c.good,
      c.bad,
    ) as { job_id: number; status: string | null; culprit: string | null } | undefined;
    return row ? { jobId: row.job_id, status: row.status, culprit: row.culprit } : null;
  }

  addTrendBisect(repository: string, weekOf: string, c: TrendBisectKey, jobId: number): void {
    this.sql('INSERT OR IGNORE INTO trend_bisects (repository, week_of, benchmark, metric, good, bad, job_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      repository,
      weekOf,
      c.benchmark,
      c.metric,
      c.good,
      c.bad,
      jobId,
    );
  }

  finishTrendBisect(repository: string, c: TrendBisectKey, status: string, culprit: string | null): void {
    this.sql('UPDATE trend_bisects SET status = ?, culprit = ? WHERE repository = ? AND benchmark = ? AND metric = ? AND good = ? AND bad = ?').run(
      status,
      culprit,
      repository,
      c.benchmark,
      c.metric,
      c.good,
      c.bad,
    );
  }
}
