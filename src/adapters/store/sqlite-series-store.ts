import type Database from 'better-sqlite3';
import type { SeriesPoint } from '../../domain/trends/types.js';
import type { PointKey, PointValue, SeriesStore, StoredSeries } from '../../services/series-store.js';
import { migrate } from './migrations.js';
import { statementCache } from './statements.js';

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

  series(repositoryId: number, fingerprintId: number, since?: string, metrics?: readonly string[]): StoredSeries[] {
    // Revisions in range by date, then their points by primary key: reading the last weeks of
    // a year of history touches only those weeks' rows. Rows come as arrays (no object per row).
    const revisions = this.sql(
      `SELECT id, sha, author_date, author, subject FROM revisions WHERE repository_id = ? AND author_date >= ? ORDER BY author_date, id`,
    )
      .raw()
      .all(repositoryId, since ?? '') as [number, string, string | null, string | null, string | null][];
    const points = this.sql(
      `SELECT p.revision_id, p.benchmark, p.metric, p.median, p.n, p.cv FROM revisions r
       JOIN series_points p ON p.repository_id = r.repository_id AND p.fingerprint_id = ? AND p.revision_id = r.id
       WHERE r.repository_id = ? AND r.author_date >= ? AND (? IS NULL OR p.metric IN (SELECT value FROM json_each(?)))`,
    )
      .raw()
      .all(fingerprintId, repositoryId, since ?? '', metrics ? 1 : null, JSON.stringify(metrics ?? [])) as [number, string, string, number, number, number | null][];
    const order = new Map(revisions.map((r, i) => [r[0], i]));
    const bySeries = new Map<string, { benchmark: string; metric: string; rows: [number, number, number, number | null][] }>();
    for (const [revisionId, benchmark, metric, value, n, cv] of points) {
      const key = `${benchmark}\0${metric}`;
      let s = bySeries.get(key);
      if (!s) bySeries.set(key, (s = { benchmark, metric, rows: [] }));
      s.rows.push([order.get(revisionId)!, value, n, cv]);
    }
    const out: StoredSeries[] = [];
    for (const s of bySeries.values()) {
      s.rows.sort((a, b) => a[0] - b[0]);
      out.push({
        benchmark: s.benchmark,
        metric: s.metric,
        points: s.rows.map(([i, value, n, cv]): SeriesPoint => {
          const [, sha, at, author, subject] = revisions[i]!;
          return { sha, at: at ?? '', value, n, cv, author, subject };
        }),
      });
    }
    return out.sort((a, b) => (a.benchmark === b.benchmark ? (a.metric < b.metric ? -1 : 1) : a.benchmark < b.benchmark ? -1 : 1));
  }

  newestPoint(repositoryId: number, fingerprintId: number): string | null {
    const row = this.sql(
      `SELECT r.author_date AS at FROM revisions r
       WHERE r.repository_id = ? AND EXISTS (SELECT 1 FROM series_points p WHERE p.repository_id = r.repository_id AND p.fingerprint_id = ? AND p.revision_id = r.id)
       ORDER BY r.author_date DESC LIMIT 1`,
    ).get(repositoryId, fingerprintId) as { at: string | null } | undefined;
    return row?.at ?? null;
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
    // The machine that recorded the newest revisions (a runner replaced a while ago no longer counts).
    const newest = (this.sql('SELECT id FROM revisions WHERE repository_id = ? ORDER BY author_date DESC LIMIT 200').all(repositoryId) as { id: number }[]).map((r) => r.id);
    if (newest.length === 0) return null;
    const count = this.sql(`SELECT count(*) AS n FROM series_points WHERE repository_id = ? AND fingerprint_id = ? AND revision_id IN (SELECT value FROM json_each(?))`);
    let best: { id: number; n: number } | null = null;
    for (const { id } of this.sql('SELECT id FROM fingerprints').all() as { id: number }[]) {
      const { n } = count.get(repositoryId, id, JSON.stringify(newest)) as { n: number };
      if (n > 0 && (!best || n > best.n)) best = { id, n };
    }
    return best?.id ?? null;
  }
}
