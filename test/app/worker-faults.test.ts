import Database from 'better-sqlite3';
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeasurePullRequest } from '../../src/services/app/compare-job.js';
import { COMMENT_MARKER } from '../../src/report/pr-comment.js';
import { makeReport, okBenchmark } from '../unit/report/compare-fixtures.js';
import { github, installationToken, useTestApps, webhookExamples } from './app-harness.js';

const REPO = '/repos/Codertocat/Hello-World';
const HEAD_2 = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const HEAD_3 = '3333333333333333333333333333333333333333';
const unchanged = () => makeReport([okBenchmark('ndjson-parse')]);

/** The real `pull_request.opened` example, or the same event for pull request 3 (another head). */
function opened(pr: 2 | 3 = 2): Record<string, unknown> {
  const payload = webhookExamples('pull_request', 'opened').find((p) => p.installation)!;
  if (pr === 2) return payload;
  const pull = payload.pull_request as { number: number; head: { sha: string } };
  pull.number = 3;
  pull.head.sha = HEAD_3;
  return { ...payload, number: 3 };
}

/** Every request perfbot made that no mock answered. */
function unexpectedRequests(): string[] {
  const seen: string[] = [];
  nock.emitter.on('no match', (req: { method: string; path: string }) => seen.push(`UNEXPECTED ${req.method} ${req.path}`));
  return seen;
}

/** GitHub's side of a compare of pull request 3 that measures and passes. */
function pr3MeasuredAndPassed(order: string[]): void {
  github().post(`${REPO}/check-runs`, (b: { head_sha: string; status: string }) => b.head_sha === HEAD_3 && b.status === 'queued').reply(201, () => (order.push('pr3: queue check'), { id: 8 }));
  github().patch(`${REPO}/check-runs/8`, (b: { status: string }) => b.status === 'in_progress').reply(200, () => (order.push('pr3: check in progress'), { id: 8 }));
  github().get(`${REPO}/issues/3/comments`).query(true).reply(200, []);
  github().post(`${REPO}/issues/3/comments`, (b: { body: string }) => b.body.includes('ndjson-parse')).reply(201, () => (order.push('pr3: comment'), { id: 300 }));
  github()
    .patch(`${REPO}/check-runs/8`, (b: { status: string; conclusion: string }) => b.status === 'completed' && b.conclusion === 'success')
    .reply(200, () => (order.push('pr3: check success'), { id: 8 }));
}

const open = useTestApps();
afterEach(() => {
  nock.emitter.removeAllListeners('no match');
});

describe('a worker that never dies', () => {
  it.each([
    ['not JSON (a truncated row)', '{"target":{"repository":"Codertocat/Hello', /^its stored payload is not valid JSON \(/],
    ['JSON of the wrong shape', '{"target":{"repository":"Codertocat/Hello-World"},"pr":"2"}', /^its stored payload is not a valid compare job$/],
  ])('fails a job whose stored payload is %s, shows why on its pull request, and runs the next job', async (_what, stored, reason) => {
    const unexpected = unexpectedRequests();
    const order: string[] = [];
    const app = open({ report: unchanged, startWorker: false });
    const now = Date.now();
    // A row no perfbot wrote: a truncated payload (a disk fault, a hand edit) for pull request 2.
    app.store.db
      .prepare("INSERT INTO jobs (kind, repository, subject, payload, created_at, updated_at) VALUES ('compare', 'Codertocat/Hello-World', 'pr:2', ?, ?, ?)")
      .run(stored, now, now);
    installationToken(1);
    pr3MeasuredAndPassed(order);
    await app.receive('pull_request', opened(3));
    await app.assembled.settled();

    // The broken job's report: from the row's repository and subject, on pull request 2's current head.
    const pull = (webhookExamples('pull_request', 'opened').find((p) => p.installation) as { pull_request: Record<string, unknown> }).pull_request;
    github().get(`${REPO}/pulls/2`).reply(200, () => (order.push('pr2: read head'), pull));
    const why = (s: string) => reason.test(s.split('\n')[0]!) && s.includes('Fix the cause and push again');
    github()
      .post(`${REPO}/check-runs`, (b: { head_sha: string; status: string; output: { summary: string } }) => b.head_sha === HEAD_2 && b.status === 'in_progress' && why(b.output.summary))
      .reply(201, () => (order.push('pr2: create check'), { id: 7 }));
    github()
      .patch(`${REPO}/check-runs/7`, (b: { status: string; conclusion: string; output: { title: string; summary: string } }) => b.status === 'completed' && b.conclusion === 'neutral' && b.output.title === 'perfbot could not measure this pull request' && why(b.output.summary))
      .reply(200, () => (order.push('pr2: check neutral'), { id: 7 }));
    github().get(`${REPO}/issues/2/comments`).query(true).reply(200, []);
    github()
      .post(`${REPO}/issues/2/comments`, (b: { body: string }) => b.body.startsWith(COMMENT_MARKER) && b.body.includes('its stored payload is not'))
      .reply(201, () => (order.push('pr2: comment'), { id: 200 }));

    app.assembled.worker.start();
    await app.assembled.settled();
    expect(unexpected).toEqual([]);
    expect(order).toEqual(['pr3: queue check', 'pr2: read head', 'pr2: create check', 'pr2: check neutral', 'pr2: comment', 'pr3: check in progress', 'pr3: comment', 'pr3: check success']);
    const jobs = app.assembled.runtime.queue.list();
    expect(jobs.map((j) => [j.id, j.state])).toEqual([
      [1, 'failed'],
      [2, 'done'],
    ]);
    expect(jobs[0]!.error).toMatch(reason);
    expect(app.store.db.prepare('SELECT id FROM jobs WHERE reported_at IS NOT NULL').all()).toEqual([{ id: 1 }]);

    // Reported once: another pass of the worker posts nothing more.
    app.assembled.worker.wake();
    await app.assembled.settled();
    expect(unexpected).toEqual([]);
  });

  it('fails the job whose write the database refused for longer than the busy timeout, reports it once the lock is gone, and runs the next job', async () => {
    const unexpected = unexpectedRequests();
    const order: string[] = [];
    let started!: () => void;
    const measuring = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const measure = (): MeasurePullRequest => async (input) => {
      if (input.headSha === HEAD_2) {
        started();
        await gate;
      }
      return unchanged();
    };
    const app = open({ startWorker: false, busyTimeoutMs: 100, extra: { measure } });
    installationToken(1);
    github().post(`${REPO}/check-runs`, (b: { head_sha: string; status: string }) => b.head_sha === HEAD_2 && b.status === 'queued').reply(201, () => (order.push('pr2: queue check'), { id: 7 }));
    pr3MeasuredAndPassed(order);
    await app.receive('pull_request', opened(2));
    await app.receive('pull_request', opened(3));
    await app.assembled.settled();

    github().patch(`${REPO}/check-runs/7`, (b: { status: string; output: { title: string } }) => b.status === 'in_progress' && b.output.title.startsWith('Measuring')).reply(200, () => (order.push('pr2: check in progress'), { id: 7 }));
    github().get(`${REPO}/issues/2/comments`).query(true).reply(200, []);
    github().post(`${REPO}/issues/2/comments`, (b: { body: string }) => b.body.includes('ndjson-parse')).reply(201, () => (order.push('pr2: comment (its id cannot be stored)'), { id: 200 }));
    // The failure report, once the database is back: the same check run and the same comment.
    const locked = (s: string) => s.startsWith("perfbot's database was locked by another process for longer than its busy timeout (database is locked)");
    github().patch(`${REPO}/check-runs/7`, (b: { status: string; output: { summary: string } }) => b.status === 'in_progress' && locked(b.output.summary)).reply(200, () => (order.push('pr2: check reopened'), { id: 7 }));
    github()
      .patch(`${REPO}/check-runs/7`, (b: { status: string; conclusion: string; output: { summary: string } }) => b.status === 'completed' && b.conclusion === 'neutral' && locked(b.output.summary))
      .reply(200, () => (order.push('pr2: check neutral'), { id: 7 }));
    github().get(`${REPO}/issues/2/comments`).query(true).reply(200, [{ id: 200, body: `${COMMENT_MARKER}\nold`, user: { login: 'perfbot[bot]', type: 'Bot' } }]);
    github()
      .patch(`${REPO}/issues/comments/200`, (b: { body: string }) => b.body.includes("perfbot's database was locked"))
      .reply(200, () => (order.push('pr2: comment says why'), { id: 200 }));

    app.assembled.worker.start();
    await measuring;
    const other = new Database(app.dbFile);
    other.exec('BEGIN EXCLUSIVE');
    release();
    // Held until the worker has been refused at least twice: longer than the busy timeout, twice over.
    await vi.waitFor(() => expect(app.logs.filter((l) => /job 1: could not mark it failed: perfbot's database was locked/.test(l)).length).toBeGreaterThanOrEqual(2), { timeout: 30_000, interval: 20 });
    expect(order).toEqual(['pr2: queue check', 'pr3: queue check', 'pr2: check in progress', 'pr2: comment (its id cannot be stored)']);
    other.exec('ROLLBACK');
    other.close();
    await app.assembled.settled();

    expect(unexpected).toEqual([]);
    expect(order.slice(4)).toEqual(['pr2: check reopened', 'pr2: check neutral', 'pr2: comment says why', 'pr3: check in progress', 'pr3: comment', 'pr3: check success']);
    const jobs = app.assembled.runtime.queue.list();
    expect(jobs.map((j) => [j.id, j.state])).toEqual([
      [1, 'failed'],
      [2, 'done'],
    ]);
    expect(jobs[0]!.error).toMatch(/^perfbot's database was locked/);
    expect(app.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 60_000);
});
