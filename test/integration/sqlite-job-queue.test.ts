import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrationFiles, MIGRATIONS_DIR } from '../../src/adapters/store/migrations.js';
import { SqliteJobQueue } from '../../src/adapters/store/sqlite-job-queue.js';
import { SqliteResultStore } from '../../src/adapters/store/sqlite-result-store.js';

const REPO = 'octo/stream-lib';
const LEASE = 60_000;
const dbFile = () => join(mkdtempSync(join(tmpdir(), 'perfbot-jobs-')), 'perfbot.sqlite');

const open: SqliteResultStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

/** A queue on a fresh database file opened the way the app opens it, with a clock the test moves. */
function setup(file = dbFile()) {
  const clock = { now: 1_700_000_000_000 };
  const store = new SqliteResultStore(file);
  open.push(store);
  const queue = new SqliteJobQueue(store.db, { clock: () => clock.now });
  return { file, clock, store, queue };
}

const compare = (pr: number, repository = REPO) => ({ kind: 'compare' as const, repository, subject: `pr:${pr}`, payload: { pr } });

describe('SqliteJobQueue', () => {
  it('hands jobs out oldest first and none when the queue is empty', () => {
    const { queue } = setup();
    const ids = [1, 2, 3].map((pr) => queue.enqueue(compare(pr)).job.id);
    expect(queue.claim('w1', LEASE)?.id).toBe(ids[0]);
    expect(queue.claim('w2', LEASE)?.id).toBe(ids[1]);
    const third = queue.claim('w1', LEASE);
    expect(third).toMatchObject({ id: ids[2], state: 'running', attempts: 1, payload: { pr: 3 } });
    expect(queue.claim('w1', LEASE)).toBeNull();
  });

  it('counts the queued and running jobs ahead of a job', () => {
    const { queue } = setup();
    expect(queue.enqueue(compare(1)).ahead).toBe(0);
    expect(queue.enqueue(compare(2)).ahead).toBe(1);
    const third = queue.enqueue(compare(3));
    expect(third.ahead).toBe(2);
    const first = queue.claim('w1', LEASE)!;
    expect(queue.ahead(third.job.id)).toBe(2); // a running job is still ahead
    expect(queue.complete(first.id, 'w1', { ok: true })).toBe(true);
    expect(queue.ahead(third.job.id)).toBe(1);
    expect(queue.ahead(first.id)).toBe(0);
  });

  it('supersedes the queued and the running job of the same pull request only', () => {
    const { queue } = setup();
    const running = queue.enqueue(compare(12)).job;
    expect(queue.claim('w1', LEASE)?.id).toBe(running.id);
    const queued = queue.enqueue(compare(12)).job;
    const otherPr = queue.enqueue(compare(13)).job;
    const otherRepo = queue.enqueue(compare(12, 'octo/other')).job;
    const noSubject = queue.enqueue({ kind: 'record', repository: REPO, payload: null }).job;

    const newer = queue.enqueue({ ...compare(12), supersede: true });
    expect(newer.superseded.map((j) => [j.id, j.state, j.error])).toEqual([
      [running.id, 'cancelled', `superseded by job ${newer.job.id}`],
      [queued.id, 'cancelled', `superseded by job ${newer.job.id}`],
    ]);
    expect(newer.ahead).toBe(3);
    for (const job of [otherPr, otherRepo, noSubject]) expect(queue.get(job.id)?.state).toBe('queued');

    // The worker of the cancelled job sees it between trials and can no longer finish it.
    expect(queue.isCancelled(running.id)).toBe(true);
    expect(queue.isCancelled(otherPr.id)).toBe(false);
    expect(queue.renew(running.id, 'w1', LEASE)).toBe(false);
    expect(queue.complete(running.id, 'w1', { ok: true })).toBe(false);
    expect(queue.get(running.id)?.state).toBe('cancelled');
    // Without supersede, jobs of the same subject pile up.
    expect(queue.enqueue(compare(12)).superseded).toEqual([]);
  });

  it('takes back a job whose lease ran out once, then fails it as interrupted', () => {
    const { queue, clock } = setup();
    const { job } = queue.enqueue(compare(1));
    expect(queue.claim('w1', LEASE)?.attempts).toBe(1);
    clock.now += LEASE - 1;
    expect(queue.claim('w2', LEASE)).toBeNull(); // still leased
    clock.now += 1;
    expect(queue.claim('w2', LEASE)).toMatchObject({ id: job.id, attempts: 2, state: 'running' });
    clock.now += LEASE;
    expect(queue.claim('w3', LEASE)).toBeNull();
    expect(queue.get(job.id)).toMatchObject({ state: 'failed', attempts: 2, error: expect.stringMatching(/^interrupted 2 times: its worker stopped/) });
  });

  it('keeps a job leased while its worker renews the lease', () => {
    const { queue, clock } = setup();
    const { job } = queue.enqueue(compare(1));
    queue.claim('w1', LEASE);
    for (let i = 0; i < 5; i++) {
      clock.now += LEASE - 1_000;
      expect(queue.renew(job.id, 'w1', LEASE)).toBe(true);
      expect(queue.claim('w2', LEASE)).toBeNull();
    }
    expect(queue.renew(job.id, 'w2', LEASE)).toBe(false);
    expect(queue.get(job.id)).toMatchObject({ state: 'running', attempts: 1 });
  });

  it('lets a stale owner neither complete nor fail a job taken back from it', () => {
    const { queue, clock } = setup();
    const { job } = queue.enqueue(compare(1));
    queue.claim('stale', LEASE);
    clock.now += LEASE;
    expect(queue.claim('fresh', LEASE)?.id).toBe(job.id);
    expect(queue.complete(job.id, 'stale', { from: 'stale' })).toBe(false);
    expect(queue.fail(job.id, 'stale', 'boom')).toBe(false);
    expect(queue.release(job.id, 'stale')).toBe(false);
    expect(queue.complete(job.id, 'fresh', { from: 'fresh' })).toBe(true);
    expect(queue.get(job.id)).toMatchObject({ state: 'done', result: { from: 'fresh' }, error: null });
  });

  it('completes a job once: a second complete or a late fail changes nothing', () => {
    const { queue, clock } = setup();
    const { job } = queue.enqueue(compare(1));
    queue.claim('w1', LEASE);
    expect(queue.complete(job.id, 'w1', { comment: 1 })).toBe(true);
    const done = queue.get(job.id);
    clock.now += 5;
    expect(queue.complete(job.id, 'w1', { comment: 2 })).toBe(false);
    expect(queue.fail(job.id, 'w1', 'late')).toBe(false);
    expect(queue.get(job.id)).toEqual(done);
    expect(done).toMatchObject({ state: 'done', result: { comment: 1 } });
  });

  it('fails a job for good with a one-line reason', () => {
    const { queue } = setup();
    const { job } = queue.enqueue(compare(1));
    queue.claim('w1', LEASE);
    expect(queue.fail(job.id, 'w1', '\n  install failed: npm ci exited with 1\n    at step (x.js:1:1)\n')).toBe(true);
    expect(queue.get(job.id)).toMatchObject({ state: 'failed', error: 'install failed: npm ci exited with 1' });
    expect(queue.claim('w1', LEASE)).toBeNull();
  });

  it('gives the attempt back when a worker releases a job on shutdown', () => {
    const { queue } = setup();
    const { job } = queue.enqueue({ ...compare(1), maxAttempts: 1 });
    queue.claim('w1', LEASE);
    expect(queue.release(job.id, 'w1')).toBe(true);
    expect(queue.get(job.id)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(queue.claim('w2', LEASE)).toMatchObject({ id: job.id, attempts: 1 });
  });

  it('never hands one job to two connections claiming in turn', () => {
    const file = dbFile();
    const a = setup(file);
    const b = setup(file);
    const enqueued = new Set<number>();
    for (let i = 0; i < 300; i++) enqueued.add((i % 2 ? a : b).queue.enqueue(compare(i)).job.id);
    const claimed: number[] = [];
    for (let turn = 0; ; turn++) {
      const worker = turn % 2 ? a : b;
      const job = worker.queue.claim(`worker-${turn % 2}`, LEASE);
      if (!job) break;
      claimed.push(job.id);
      // Finish every third job at once; the rest stay running and must not be claimed again.
      if (turn % 3 === 0) expect(worker.queue.complete(job.id, `worker-${turn % 2}`, null)).toBe(true);
    }
    expect(claimed).toHaveLength(300);
    expect(new Set(claimed)).toEqual(enqueued);
    expect(claimed).toEqual([...enqueued].sort((x, y) => x - y));
  });

  it('holds the write lock from the first read of a claim, so no other connection reads the same job', () => {
    const file = dbFile();
    const other = setup(file);
    other.store.db.pragma('busy_timeout = 0');
    const store = new SqliteResultStore(file);
    open.push(store);
    let during: unknown = null;
    // The clock is read inside this connection's claim, before it picks a job: claim from the other one there.
    const clock = () => {
      if (store.db.inTransaction && during === null) {
        try {
          during = other.queue.claim('other', LEASE);
        } catch (error) {
          during = error;
        }
      }
      return other.clock.now;
    };
    other.queue.enqueue(compare(1));
    expect(new SqliteJobQueue(store.db, { clock }).claim('me', LEASE)?.payload).toEqual({ pr: 1 });
    expect(during).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(other.queue.claim('other', LEASE)).toBeNull();
  });

  it('keeps queued and running jobs across a restart', () => {
    const first = setup();
    const interrupted = first.queue.enqueue(compare(1)).job;
    const waiting = first.queue.enqueue(compare(2)).job;
    expect(first.queue.claim('w1', LEASE)?.id).toBe(interrupted.id);
    first.store.close();
    open.splice(open.indexOf(first.store), 1);

    const again = setup(first.file);
    again.clock.now = first.clock.now + LEASE; // the old worker is gone; its lease ran out
    expect(again.queue.list().map((j) => [j.id, j.state])).toEqual([
      [interrupted.id, 'running'],
      [waiting.id, 'queued'],
    ]);
    expect(again.queue.claim('w2', LEASE)).toMatchObject({ id: interrupted.id, attempts: 2 });
    expect(again.queue.claim('w2', LEASE)).toMatchObject({ id: waiting.id, attempts: 1, payload: { pr: 2 } });
  });

  it('round-trips payload and result JSON', () => {
    const { queue } = setup();
    const payload = { pr: 7, benchmarks: ['a.bench.mjs', 'ü/ß 🙂'], options: { trials: 10, metric: null }, flag: false };
    const { job } = queue.enqueue({ kind: 'bisect', repository: REPO, subject: 'pr:7', payload });
    expect(job).toMatchObject({ kind: 'bisect', subject: 'pr:7', payload, state: 'queued', attempts: 0, maxAttempts: 2, result: null });
    expect(queue.claim('w1', LEASE)?.payload).toEqual(payload);
    expect(queue.enqueue({ kind: 'report', repository: REPO, payload: undefined }).job.payload).toBeNull();
    queue.complete(job.id, 'w1', { culprit: 'c'.repeat(40), steps: [1, 2] });
    expect(queue.get(job.id)?.result).toEqual({ culprit: 'c'.repeat(40), steps: [1, 2] });
  });

  it('lists jobs by state, kind, repository and subject', () => {
    const { queue } = setup();
    queue.enqueue(compare(1));
    queue.enqueue(compare(2, 'octo/other'));
    queue.enqueue({ kind: 'report', repository: REPO, payload: {} });
    queue.claim('w1', LEASE);
    expect(queue.list({ state: 'running' }).map((j) => j.subject)).toEqual(['pr:1']);
    expect(queue.list({ state: ['queued', 'done'] })).toHaveLength(2);
    expect(queue.list({ state: [] })).toEqual([]);
    expect(queue.list({ kind: 'report' })).toHaveLength(1);
    expect(queue.list({ repository: REPO, subject: 'pr:1' })).toHaveLength(1);
    expect(queue.list({ limit: 2 }).map((j) => j.id)).toEqual([1, 2]);
    expect(queue.get(999)).toBeNull();
  });

  it('rejects a bad attempt limit or lease', () => {
    const { queue } = setup();
    expect(() => queue.enqueue({ ...compare(1), maxAttempts: 0 })).toThrow(RangeError);
    expect(() => queue.claim('w1', 0)).toThrow(RangeError);
    expect(queue.list()).toEqual([]);
  });

  it('migrates a version 1 database of the result store and keeps its data', () => {
    const file = dbFile();
    const v1 = mkdtempSync(join(tmpdir(), 'perfbot-v1-'));
    copyFileSync(join(MIGRATIONS_DIR, '001-initial.sql'), join(v1, '001-initial.sql'));
    const old = new Database(file);
    expect(migrate(old, v1 + '/')).toBe(1);
    old.prepare("INSERT INTO repositories (key, created_at) VALUES ('/src/stream-lib', '2026-01-05T09:00:00Z')").run();
    old.close();

    const { store, queue } = setup(file);
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrationFiles().at(-1)!.version);
    expect(store.repositoryId('/src/stream-lib')).toBe(1);
    expect(queue.enqueue(compare(1)).job.id).toBe(1);
    expect(store.integrityCheck()).toBe('ok');

    // The queue also migrates a connection nobody migrated yet.
    const raw = new Database(dbFile());
    expect(new SqliteJobQueue(raw).enqueue(compare(1)).ahead).toBe(0);
    expect(raw.pragma('user_version', { simple: true })).toBe(migrationFiles().at(-1)!.version);
    raw.close();
  });
});
