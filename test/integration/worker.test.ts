import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SqliteJobQueue } from '../../src/adapters/store/sqlite-job-queue.js';
import { SqliteResultStore } from '../../src/adapters/store/sqlite-result-store.js';
import type { Job } from '../../src/domain/jobs.js';
import { MAX_REPORT_ATTEMPTS, Worker, type JobHandler } from '../../src/services/app/worker.js';

const opened: { worker: Worker; store: SqliteResultStore }[] = [];
afterEach(async () => {
  for (const { worker, store } of opened.splice(0)) {
    await worker.stop();
    store.close();
  }
});

/** A worker on a real database file whose writes wait 20 ms for a lock before they fail. */
function setup(handler: JobHandler, options: { leaseMs?: number; reportRetryMs?: number } = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'perfbot-worker-')), 'perfbot.sqlite');
  const store = new SqliteResultStore(file, { busyTimeoutMs: 20 });
  const queue = new SqliteJobQueue(store.db);
  const logs: string[] = [];
  const worker = new Worker({ queue, handlers: { compare: handler }, owner: 'w', pollMs: 20, log: (l) => logs.push(l), ...options });
  opened.push({ worker, store });
  const enqueue = () => queue.enqueue({ kind: 'compare', repository: 'o/r', subject: null, payload: { n: 1 } }).job.id;
  return { file, store, queue, logs, worker, enqueue };
}

const reported = (store: SqliteResultStore, id: number) => (store.db.prepare('SELECT reported_at IS NOT NULL AS r FROM jobs WHERE id = ?').get(id) as { r: number }).r === 1;

describe('the worker', () => {
  it('tries a failure report GitHub refused again after a backoff, and shows each failure once', async () => {
    const reports: string[] = [];
    const { store, queue, logs, worker, enqueue } = setup(
      {
        run: async () => {
          throw new Error('the build broke\nat line 2');
        },
        failed: async (job: Job, reason: string) => {
          reports.push(`${job.id}: ${reason}`);
          if (reports.length === 1) throw new Error('GitHub answered 502');
        },
      },
      { reportRetryMs: 10 },
    );
    const id = enqueue();
    worker.start();
    await vi.waitFor(() => expect(reported(store, id)).toBe(true), { timeout: 10_000, interval: 10 });
    expect(reports).toEqual([`${id}: the build broke`, `${id}: the build broke`]);
    expect(logs).toContain(`job ${id}: could not report its failure (try 1 of ${MAX_REPORT_ATTEMPTS}): GitHub answered 502; trying again in 10 ms`);
    expect(logs).toContain(`job ${id}: its failure was reported`);
    // Later passes of the worker (another job) show it no more.
    const next = enqueue();
    worker.wake();
    await vi.waitFor(() => expect(reported(store, next)).toBe(true), { timeout: 10_000, interval: 10 });
    expect(reports).toEqual([`${id}: the build broke`, `${id}: the build broke`, `${next}: the build broke`]);
    expect(queue.get(id)?.state).toBe('failed');
  });

  it(`gives up on a failure report after ${MAX_REPORT_ATTEMPTS} refusals and says so in the log`, async () => {
    let tries = 0;
    const { store, logs, worker, enqueue } = setup(
      {
        run: async () => {
          throw new Error('boom');
        },
        failed: async () => {
          tries++;
          throw new Error('GitHub is down');
        },
      },
      { reportRetryMs: 1 },
    );
    const id = enqueue();
    worker.start();
    await vi.waitFor(() => expect(reported(store, id)).toBe(true), { timeout: 10_000, interval: 10 });
    expect(tries).toBe(MAX_REPORT_ATTEMPTS);
    expect(logs).toContain(`job ${id}: gave up reporting its failure after ${MAX_REPORT_ATTEMPTS} tries: GitHub is down`);
  });

  it('survives a database locked while it claims: it logs, backs off, and takes the job once the lock is gone', async () => {
    const ran: number[] = [];
    const { file, queue, logs, worker, enqueue } = setup({ run: async (job) => void ran.push(job.id) });
    const id = enqueue();
    const other = new Database(file);
    other.exec('BEGIN EXCLUSIVE');
    worker.start();
    await vi.waitFor(() => expect(logs.filter((l) => l.startsWith("worker: perfbot's database was locked by another process")).length).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 10 });
    expect(ran).toEqual([]);
    other.exec('ROLLBACK');
    other.close();
    await vi.waitFor(() => expect(queue.get(id)?.state).toBe('done'), { timeout: 10_000, interval: 10 });
    expect(ran).toEqual([id]);
    expect(logs.find((l) => l.startsWith('worker:'))).toMatch(/; trying again in 50 ms$/);
  });

  it('keeps running a job whose lease renewal the database refused, and completes it once the lock is gone', async () => {
    let locker: Database.Database | null = null;
    const { file, queue, logs, worker, enqueue } = setup(
      {
        run: async () => {
          locker = new Database(file);
          locker.exec('BEGIN EXCLUSIVE');
          await vi.waitFor(() => expect(logs.some((l) => l.includes('could not renew its lease'))).toBe(true), { timeout: 10_000, interval: 5 });
          locker.exec('ROLLBACK');
          locker.close();
          return { ok: true };
        },
      },
      { leaseMs: 60 },
    );
    const id = enqueue();
    worker.start();
    await vi.waitFor(() => expect(queue.get(id)?.state).toBe('done'), { timeout: 10_000, interval: 10 });
    expect(queue.get(id)?.result).toEqual({ ok: true });
    expect(logs.find((l) => l.includes('could not renew'))).toBe(`job ${id}: could not renew its lease: perfbot's database was locked by another process for longer than its busy timeout (database is locked)`);
  });
});
