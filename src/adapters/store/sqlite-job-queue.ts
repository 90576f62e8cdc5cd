import type Database from 'better-sqlite3';
import type { Job, JobKind, JobState } from '../../domain/jobs.js';
import { oneLineReason } from '../../domain/jobs.js';
import type { Enqueued, EnqueueInput, JobFilter, JobQueue, UnreportedFailure } from '../../services/job-queue.js';
import { migrate } from './migrations.js';
import { statementCache } from './statements.js';

/** Claims a job gets by default before it fails as interrupted. */
export const DEFAULT_MAX_ATTEMPTS = 2;

/** Options of {@link SqliteJobQueue}. */
export interface SqliteJobQueueOptions {
  /** The time in milliseconds since the epoch; `Date.now` by default (tests move it to run leases out). */
  clock?: () => number;
}

interface JobRow {
  id: number;
  kind: JobKind;
  repository: string;
  subject: string | null;
  payload: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
  error: string | null;
  result: string | null;
  created_at: number;
  updated_at: number;
  report_attempts: number;
}

/** A running job held by this owner: the guard of every owner's write. */
const HELD = "id = ? AND state = 'running' AND lease_owner = ?";
const ACTIVE = "state IN ('queued', 'running')";

/**
 * The job queue in the `jobs` table of perfbot's SQLite database, usually the connection
 * of the result store (`new SqliteJobQueue(store.db)`). Every change that reads before it
 * writes runs in a `BEGIN IMMEDIATE` transaction, so processes sharing the file never claim
 * the same job; single-statement writes are atomic by themselves.
 */
export class SqliteJobQueue implements JobQueue {
  private readonly db: Database.Database;
  private readonly sql: (sql: string) => Database.Statement;
  private readonly clock: () => number;

  /** Migrates the database to the latest schema first (a no-op when it is there already). */
  constructor(db: Database.Database, options: SqliteJobQueueOptions = {}) {
    this.db = db;
    this.sql = statementCache(db);
    this.clock = options.clock ?? Date.now;
    migrate(db);
  }

  /** @throws RangeError when `maxAttempts` is not a whole number of at least 1 */
  enqueue<P>(input: EnqueueInput<P>): Enqueued<P> {
    const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a whole number of at least 1, not ${maxAttempts}`);
    const subject = input.subject ?? null;
    const payload = toJson(input.payload);
    const run = () => {
      const now = this.clock();
      const info = this.sql('INSERT INTO jobs (kind, repository, subject, payload, max_attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(input.kind, input.repository, subject, payload, maxAttempts, now, now);
      const id = Number(info.lastInsertRowid);
      const superseded = input.supersede && subject !== null ? this.supersede(input.repository, subject, id, now) : [];
      return { job: this.get(id) as Job<P>, ahead: this.ahead(id), superseded };
    };
    return this.db.transaction(run).immediate();
  }

  /** @throws RangeError when `leaseMs` is not a positive number */
  claim(owner: string, leaseMs: number): Job | null {
    checkLease(leaseMs);
    const run = (): Job | null => {
      const now = this.clock();
      this.takeBackExpired(now);
      for (;;) {
        const next = this.sql("SELECT id, payload FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1").get() as { id: number; payload: string } | undefined;
        if (!next) return null;
        const payload = readJson(next.payload);
        if (!payload.ok) {
          this.sql("UPDATE jobs SET state = 'failed', attempts = attempts + 1, error = ?, updated_at = ?, finished_at = ? WHERE id = ?")
            .run(oneLineReason(`its stored payload is not valid JSON (${payload.error})`), now, now, next.id);
          continue;
        }
        this.sql("UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = ?, lease_until = ?, updated_at = ? WHERE id = ?")
          .run(owner, now + leaseMs, now, next.id);
        return this.get(next.id);
      }
    };
    return this.db.transaction(run).immediate();
  }

  claimUnreported(holdMs: number, limit: number): UnreportedFailure[] {
    const run = (): UnreportedFailure[] => {
      const now = this.clock();
      const rows = this.sql("SELECT * FROM jobs WHERE state = 'failed' AND reported_at IS NULL AND coalesce(report_after, 0) <= ? ORDER BY id LIMIT ?")
        .all(now, Math.max(0, Math.floor(limit))) as JobRow[];
      const hold = this.sql('UPDATE jobs SET report_after = ?, report_attempts = report_attempts + 1 WHERE id = ?');
      for (const row of rows) hold.run(now + holdMs, row.id);
      return rows.map((row) => ({ job: toJob(row), attempt: row.report_attempts + 1 }));
    };
    return this.db.transaction(run).immediate();
  }

  markReported(id: number): void {
    this.sql('UPDATE jobs SET reported_at = ?, report_after = NULL WHERE id = ?').run(this.clock(), id);
  }

  deferReport(id: number, at: number): void {
    this.sql('UPDATE jobs SET report_after = ? WHERE id = ? AND reported_at IS NULL').run(at, id);
  }

  /** @throws RangeError when `leaseMs` is not a positive number */
  renew(id: number, owner: string, leaseMs: number): boolean {
    checkLease(leaseMs);
    const now = this.clock();
    return this.changed(this.sql(`UPDATE jobs SET lease_until = ?, updated_at = ? WHERE ${HELD}`).run(now + leaseMs, now, id, owner));
  }

  complete(id: number, owner: string, result: unknown): boolean {
    const now = this.clock();
    const sql = `UPDATE jobs SET state = 'done', result = ?, lease_until = NULL, updated_at = ?, finished_at = ? WHERE ${HELD}`;
    return this.changed(this.sql(sql).run(toJson(result), now, now, id, owner));
  }

  fail(id: number, owner: string, error: string): boolean {
    const now = this.clock();
    const sql = `UPDATE jobs SET state = 'failed', error = ?, lease_until = NULL, updated_at = ?, finished_at = ? WHERE ${HELD}`;
    return this.changed(this.sql(sql).run(oneLineReason(error), now, now, id, owner));
  }

  release(id: number, owner: string): boolean {
    const sql = `UPDATE jobs SET state = 'queued', attempts = max(attempts - 1, 0), lease_until = NULL, updated_at = ? WHERE ${HELD}`;
    return this.changed(this.sql(sql).run(this.clock(), id, owner));
  }

  isCancelled(id: number): boolean {
    const row = this.sql('SELECT state FROM jobs WHERE id = ?').get(id) as { state: JobState } | undefined;
    return row?.state === 'cancelled';
  }

  get(id: number): Job | null {
    const row = this.sql('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  ahead(id: number): number {
    return (this.sql(`SELECT count(*) AS n FROM jobs WHERE ${ACTIVE} AND id < ?`).get(id) as { n: number }).n;
  }

  list(filter: JobFilter = {}): Job[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.state !== undefined) {
      const states: readonly JobState[] = typeof filter.state === 'string' ? [filter.state] : filter.state;
      if (states.length === 0) return [];
      where.push(`state IN (${states.map(() => '?').join(', ')})`);
      params.push(...states);
    }
    for (const [column, value] of [['kind', filter.kind], ['repository', filter.repository], ['subject', filter.subject]] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    const limit = filter.limit === undefined ? '' : ' LIMIT ?';
    if (filter.limit !== undefined) params.push(Math.max(0, Math.floor(filter.limit)));
    const sql = `SELECT * FROM jobs${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id${limit}`;
    return (this.sql(sql).all(...params) as JobRow[]).map(toJob);
  }

  /** Cancels the active jobs of a subject older than job `by`. @returns them, cancelled, oldest first */
  private supersede(repository: string, subject: string, by: number, now: number): Job[] {
    const rows = this.sql(`SELECT id FROM jobs WHERE repository = ? AND subject = ? AND ${ACTIVE} AND id < ? ORDER BY id`)
      .all(repository, subject, by) as { id: number }[];
    const cancel = this.sql("UPDATE jobs SET state = 'cancelled', error = ?, lease_until = NULL, updated_at = ?, finished_at = ? WHERE id = ?");
    for (const { id } of rows) cancel.run(`superseded by job ${by}`, now, now, id);
    return rows.map(({ id }) => this.get(id)).filter((job): job is Job => job !== null);
  }

  /** Running jobs whose lease ran out go back to the queue, or fail once out of attempts. */
  private takeBackExpired(now: number): void {
    this.sql(
        `UPDATE jobs SET
           state = CASE WHEN attempts < max_attempts THEN 'queued' ELSE 'failed' END,
           error = CASE WHEN attempts < max_attempts THEN NULL
                        ELSE 'interrupted ' || attempts || CASE WHEN attempts = 1 THEN ' time' ELSE ' times' END
                             || ': its worker stopped (killed, crashed or cut off from the database) before finishing' END,
           finished_at = CASE WHEN attempts < max_attempts THEN NULL ELSE ? END,
           lease_until = NULL, updated_at = ?
         WHERE state = 'running' AND lease_until <= ?`,
      )
      .run(now, now, now);
  }

  private changed(info: Database.RunResult): boolean {
    return info.changes > 0;
  }
}

function checkLease(leaseMs: number): void {
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) throw new RangeError(`a lease must be a positive number of milliseconds, not ${leaseMs}`);
}

/** JSON text of a value; `undefined` (and anything else JSON has no text for) becomes `null`. */
function toJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** JSON text read without throwing: a stored row may have been corrupted or written by hand. */
function readJson(text: string | null): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: text === null ? null : (JSON.parse(text) as unknown) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A row as a job; a payload or result that is not valid JSON reads as `null` (claim fails such a job). */
function toJob(row: JobRow): Job {
  const payload = readJson(row.payload);
  const result = readJson(row.result);
  return {
    id: row.id,
    kind: row.kind,
    repository: row.repository,
    subject: row.subject,
    payload: payload.ok ? payload.value : null,
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    error: row.error,
    result: result.ok ? result.value : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
