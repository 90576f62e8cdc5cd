import type Database from 'better-sqlite3';
import type { SeriesPoint } from '../../domain/trends/types.js';
import type { PointKey, PointValue, SeriesStore, StoredSeries } from '../../services/series-store.js';
import { migrate } from './migrations.js';
import { statementCache } from './statements.js';

interface PointRow {
  benchmark: string;
  metric: string;
  sha: string;
  at: string | null;
  author: string | null;
  subject: string | null;
  median: number;
  n: number;
  cv: number | null;
}

/** Series points in perfbot's SQLite database (tables of `db/004-series.sql`). */
export class SqliteSeriesStore implements SeriesStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    migrate(db);
    this.sql = statementCache(db);
  }

  hasPoint(k: PointKey): boolean {
    const where = 'repository_id = ? AND fingerprint_id = ? AND benchmark = ? AND revision_id = ?';
    const args = [k.repositoryId, k.fingerprintId, k.benchmark, k.revisionId];
    return this.sql(`SELECT 1 FROM series_points WHERE ${where} LIMIT 1`).get(...args) !== undefined || this.sql(`SELECT 1 FROM series_failures WHERE ${where}`).get(...args) !== undefined;
  }

  savePoints(k: PointKey, values: readonly PointValue[]): void {
    const insert = this.sql(
      'INSERT OR REPLACE INTO series_points (repository_id, revision_id, fingerprint_id, benchmark, metric, median, n, cv) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const v of values) insert.run(k.repositoryId, k.revisionId, k.fingerprintId, k.benchmark, v.metric, v.median, v.n, v.cv);
      this.sql('DELETE FROM series_failures WHERE repository_id = ? AND fingerprint_id = ? AND benchmark = ? AND revision_id = ?').run(k.repositoryId, k.fingerprintId, k.benchmark, k.revisionId);
    })();
  }

  saveFailure(k: PointKey, reason: string): void {
    this.sql('INSERT OR REPLACE INTO series_failures (repository_id, revision_id, fingerprint_id, benchmark, reason) VALUES (?, ?, ?, ?, ?)').run(
      k.repositoryId,
      k.revisionId,
      k.fingerprintId,
      k.benchmark,
      reason,
    );
  }

  series(repositoryId: number, fingerprintId: number, since?: string): StoredSeries[] {
    const rows = this.sql(
      `SELECT p.benchmark, p.metric, r.sha, r.author_date AS at, r.author, r.subject, p.median, p.n, p.cv
       FROM series_points p JOIN revisions r ON r.id = p.revision_id
       WHERE p.repository_id = ? AND p.fingerprint_id = ? AND (? IS NULL OR r.author_date >= ?)
       ORDER BY p.benchmark, p.metric, r.author_date, r.id`,
    ).all(repositoryId, fingerprintId, since ?? null, since ?? null) as PointRow[];
    const out: StoredSeries[] = [];
    let current: StoredSeries | null = null;
    for (const row of rows) {
      if (!current || current.benchmark !== row.benchmark || current.metric !== row.metric) {
        current = { benchmark: row.benchmark, metric: row.metric, points: [] };
        out.push(current);
      }
      const point: SeriesPoint = { sha: row.sha, at: row.at ?? '', value: row.median, n: row.n, cv: row.cv, author: row.author, subject: row.subject };
      current.points.push(point);
    }
    return out;
  }

  latestFailures(repositoryId: number, fingerprintId: number): { benchmark: string; sha: string; reason: string }[] {
    return this.sql(
      `SELECT f.benchmark, r.sha, f.reason FROM series_failures f JOIN revisions r ON r.id = f.revision_id
       WHERE f.repository_id = ? AND f.fingerprint_id = ?
         AND r.author_date >= coalesce((SELECT max(r2.author_date) FROM series_points p JOIN revisions r2 ON r2.id = p.revision_id
                                        WHERE p.repository_id = f.repository_id AND p.fingerprint_id = f.fingerprint_id AND p.benchmark = f.benchmark), '')
       ORDER BY f.benchmark, r.author_date DESC`,
    ).all(repositoryId, fingerprintId) as { benchmark: string; sha: string; reason: string }[];
  }

  mainFingerprint(repositoryId: number): number | null {
    const row = this.sql('SELECT fingerprint_id AS id, count(*) AS n FROM series_points WHERE repository_id = ? GROUP BY fingerprint_id ORDER BY n DESC LIMIT 1').get(repositoryId) as
      | { id: number }
      | undefined;
    return row?.id ?? null;
  }
}
