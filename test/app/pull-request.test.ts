import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../src/report/pr-comment.js';
import { makeReport, okBenchmark } from '../unit/report/compare-fixtures.js';
import { github, installationToken, INSTALLATION_TOKEN, useTestApps, webhookExamples } from './app-harness.js';

const REPO = '/repos/Codertocat/Hello-World';
const regressed = () => makeReport([okBenchmark('ndjson-parse', { throughput: { change: -0.12, verdict: 'regression' } }), okBenchmark('window')]);
const unchanged = () => makeReport([okBenchmark('ndjson-parse'), okBenchmark('window')]);

/** Every request perfbot made to GitHub, as `METHOD path`, in order. */
function recordRequests(): string[] {
  const seen: string[] = [];
  nock.emitter.on('no match', (req: { method: string; path: string }) => seen.push(`UNEXPECTED ${req.method} ${req.path}`));
  return seen;
}

const open = useTestApps();
afterEach(() => {
  nock.emitter.removeAllListeners('no match');
});

describe('pull_request opened and synchronize', () => {
  it('queues a check run, posts the comment, and fails the check on a regression', async () => {
    const unexpected = recordRequests();
    const [payload] = webhookExamples('pull_request', 'opened').filter((p) => p.installation);
    const head = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
    const order: string[] = [];
    const log = (what: string) => () => order.push(what);
    installationToken(1);
    github()
      .post(`${REPO}/check-runs`, { name: 'perfbot', head_sha: head, status: 'queued', output: { title: 'Queued: next to run', summary: 'perfbot will measure the merge-base against this head.' }, external_id: `Codertocat/Hello-World@${head}` })
      .reply(201, () => (log('create check (queued)')(), { id: 7 }));
    github()
      .patch(`${REPO}/check-runs/7`, (b: { status: string }) => b.status === 'in_progress')
      .reply(200, () => (log('check in progress')(), { id: 7 }));
    github()
      .get(`${REPO}/issues/2/comments`)
      .query({ per_page: 100 })
      .reply(200, () => (log('look for the comment')(), []));
    github()
      .post(`${REPO}/issues/2/comments`, (b: { body: string }) => b.body.startsWith(COMMENT_MARKER) && b.body.includes('ndjson-parse'))
      .reply(201, () => (log('create comment')(), { id: 100 }));
    github()
      .patch(
        `${REPO}/check-runs/7`,
        (b: { status: string; conclusion: string; output: { title: string; summary: string }; actions: { identifier: string }[] }) =>
          b.status === 'completed' && b.conclusion === 'failure' && b.output.title === 'Regression in ndjson-parse' && !b.output.summary.includes(COMMENT_MARKER) && b.actions[0]!.identifier === 'ack',
      )
      .reply(200, () => (log('complete check')(), { id: 7 }));
    const app = open({ report: regressed });
    await app.receive('pull_request', payload!);
    await app.assembled.settled();
    expect(order).toEqual(['create check (queued)', 'check in progress', 'look for the comment', 'create comment', 'complete check']);
    expect(unexpected).toEqual([]);
    expect(app.assembled.runtime.queue.list().map((j) => [j.kind, j.state])).toEqual([['compare', 'done']]);
  });

  it('updates the same comment on a push, never a second one, and passes the check when nothing regressed', async () => {
    const [opened] = webhookExamples('pull_request', 'opened').filter((p) => p.installation);
    const [sync] = webhookExamples('pull_request', 'synchronize');
    const newHead = '1111111111111111111111111111111111111111';
    (sync!.pull_request as { head: { sha: string } }).head.sha = newHead;
    installationToken(1);
    github().post(`${REPO}/check-runs`).reply(201, { id: 7 });
    github().patch(`${REPO}/check-runs/7`).twice().reply(200, { id: 7 });
    github().get(`${REPO}/issues/2/comments`).query(true).reply(200, []);
    github().post(`${REPO}/issues/2/comments`).reply(201, { id: 100 });
    // The push: a new check run for the new head, the stored comment edited in place.
    github().post(`${REPO}/check-runs`, (b: { head_sha: string }) => b.head_sha === newHead).reply(201, { id: 8 });
    github().patch(`${REPO}/check-runs/8`, (b: { status: string }) => b.status === 'in_progress').reply(200, { id: 8 });
    github().patch(`${REPO}/issues/comments/100`, (b: { body: string }) => b.body.startsWith(COMMENT_MARKER)).reply(200, { id: 100 });
    github().patch(`${REPO}/check-runs/8`, (b: { status: string; conclusion: string; actions?: unknown[] }) => b.status === 'completed' && b.conclusion === 'success' && (b.actions ?? []).length === 0).reply(200, { id: 8 });
    let report = regressed;
    const app = open({ report: () => report() });
    await app.receive('pull_request', opened!);
    await app.assembled.settled();
    report = unchanged;
    await app.receive('pull_request', sync!);
    await app.assembled.settled();
    expect(app.assembled.runtime.state.commentId('Codertocat/Hello-World', 2)).toBe(100);
  });

  it('lets every opened and synchronize example through its handler without an error', async () => {
    for (const payload of [...webhookExamples('pull_request', 'opened'), ...webhookExamples('pull_request', 'synchronize')]) {
      const app = open({ report: unchanged });
      if (payload.installation) {
        installationToken(1);
        github().post(`${REPO}/check-runs`).reply(201, { id: 7 });
        github().patch(`${REPO}/check-runs/7`).twice().reply(200, { id: 7 });
        github().get(`${REPO}/issues/2/comments`).query(true).reply(200, []);
        github().post(`${REPO}/issues/2/comments`).reply(201, { id: 100 });
      }
      await expect(app.receive('pull_request', payload)).resolves.toBeUndefined();
      await app.assembled.settled();
      const jobs = app.assembled.runtime.queue.list();
      if (payload.installation) expect(jobs.map((j) => j.state)).toEqual(['done']);
      else {
        expect(jobs).toEqual([]);
        expect(app.logs.join('\n')).toMatch(/pull_request delivery .* ignored: installation: /);
      }
      expect(nock.pendingMocks()).toEqual([]);
    }
  });

  it('never logs the installation token', async () => {
    const [payload] = webhookExamples('pull_request', 'opened').filter((p) => p.installation);
    installationToken(1);
    github().post(`${REPO}/check-runs`).reply(201, { id: 7 });
    github().patch(`${REPO}/check-runs/7`).twice().reply(200, { id: 7 });
    github().get(`${REPO}/issues/2/comments`).query(true).reply(200, []);
    github().post(`${REPO}/issues/2/comments`).reply(201, { id: 100 });
    const app = open({ report: regressed });
    await app.receive('pull_request', payload!);
    await app.assembled.settled();
    expect(app.logs.length).toBeGreaterThan(3);
    expect(app.logs.join('\n')).not.toContain(INSTALLATION_TOKEN);
  });
});
