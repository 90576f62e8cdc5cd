import { describe, expect, it } from 'vitest';
import type { BisectReport } from '../../src/domain/bisect/types.js';
import { USAGE } from '../../src/domain/commands.js';
import { COMMENT_MARKER } from '../../src/report/pr-comment.js';
import { makeReport, okBenchmark } from '../unit/report/compare-fixtures.js';
import { github, installationToken, useTestApps, webhookExamples } from './app-harness.js';

const REPO = '/repos/Codertocat/Hello-World';
const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const BASE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const regressed = () => makeReport([okBenchmark('ndjson-parse', { throughput: { change: -0.12, verdict: 'regression' } }), okBenchmark('window')]);

/** A real `issue_comment.created` payload, on pull request 2, with this body and author. */
function comment(body: string, association = 'OWNER', userType = 'User'): Record<string, unknown> {
  const [payload] = webhookExamples('issue_comment', 'created').filter((p) => p.installation);
  const p = payload as { issue: Record<string, unknown>; comment: { body: string; author_association: string; user: { type: string } } };
  p.issue.number = 2;
  p.issue.pull_request = { url: `https://api.github.com${REPO}/pulls/2` };
  p.comment.body = body;
  p.comment.author_association = association;
  p.comment.user.type = userType;
  return payload!;
}

const pull = () => github().get(`${REPO}/pulls/2`).reply(200, { number: 2, user: { login: 'Codertocat' }, base: { ref: 'master', sha: BASE }, head: { sha: HEAD, repo: { full_name: 'Codertocat/Hello-World' } } });
const reply = (match: (body: string) => boolean) => github().post(`${REPO}/issues/2/comments`, (b: { body: string }) => match(b.body)).reply(201, { id: 900 });

const open = useTestApps();
describe('issue_comment commands', () => {
  it('lets every created example through (none addresses perfbot) and calls GitHub for none', async () => {
    for (const payload of webhookExamples('issue_comment', 'created')) {
      const app = open({ report: regressed });
      await expect(app.receive('issue_comment', payload)).resolves.toBeUndefined();
      await app.assembled.settled();
      expect(app.assembled.runtime.queue.list()).toEqual([]);
    }
  });

  it('/perfbot run from a writer measures the pull request', async () => {
    installationToken(1);
    pull();
    github().post(`${REPO}/check-runs`, (b: { head_sha: string; status: string }) => b.head_sha === HEAD && b.status === 'queued').reply(201, { id: 7 });
    github().patch(`${REPO}/check-runs/7`).twice().reply(200, { id: 7 });
    github().get(`${REPO}/issues/2/comments`).query(true).reply(200, []);
    github().post(`${REPO}/issues/2/comments`).reply(201, { id: 100 });
    const app = open({ report: regressed });
    await app.receive('issue_comment', comment('Looks slow to me.\n/perfbot run'));
    await app.assembled.settled();
    const [job] = app.assembled.runtime.queue.list();
    expect(job?.error).toBeNull();
    expect(job).toMatchObject({ kind: 'compare', state: 'done', subject: 'pr:2', payload: { baseSha: BASE, headSha: HEAD, trigger: 'command', requestedBy: 'Codertocat' } });
  });

  it('refuses /perfbot run from a read-only user politely, after asking GitHub for the permission', async () => {
    installationToken(1);
    github().get(`${REPO}/collaborators/Codertocat/permission`).reply(200, { permission: 'read', role_name: 'read', user: { login: 'Codertocat' } });
    reply((body) => body.startsWith('@Codertocat sorry, only people with write access to Codertocat/Hello-World can use `/perfbot run`'));
    const app = open({ report: regressed });
    await app.receive('issue_comment', comment('/perfbot run', 'CONTRIBUTOR'));
    await app.assembled.settled();
    expect(app.assembled.runtime.queue.list()).toEqual([]);
  });

  it('answers /perfbot help with the usage, and a bad command with the right usage', async () => {
    installationToken(1);
    reply((body) => body.endsWith(USAGE));
    reply((body) => body === '@Codertocat /perfbot bisect needs a benchmark name.\n\nUsage:\n- `/perfbot bisect <benchmark> [metric]` — find the commit that made a benchmark slower (metric: the one that regressed by default)');
    reply((body) => body.startsWith("@Codertocat unknown command 'speed'."));
    const app = open({ report: regressed });
    await app.receive('issue_comment', comment('/perfbot help'));
    await app.assembled.settled();
    await app.receive('issue_comment', comment('/perfbot bisect'));
    await app.assembled.settled();
    await app.receive('issue_comment', comment('/perfbot speed'));
    await app.assembled.settled();
  });

  it('ignores commands from bots, perfbot itself included', async () => {
    const app = open({ report: regressed });
    await app.receive('issue_comment', comment('/perfbot run', 'NONE', 'Bot'));
    await app.assembled.settled();
    expect(app.assembled.runtime.queue.list()).toEqual([]);
  });

  it('/perfbot ack turns a failed check green and names who acknowledged it', async () => {
    installationToken(1);
    // The compare of the PR first: a regression fails the check.
    github().post(`${REPO}/check-runs`).reply(201, { id: 7 });
    github().patch(`${REPO}/check-runs/7`, (b: { status: string }) => b.status === 'in_progress').reply(200, { id: 7 });
    github().get(`${REPO}/issues/2/comments`).query(true).reply(200, []);
    github().post(`${REPO}/issues/2/comments`).reply(201, { id: 100 });
    github().patch(`${REPO}/check-runs/7`, (b: { conclusion: string }) => b.conclusion === 'failure').reply(200, { id: 7 });
    const app = open({ report: regressed });
    const [opened] = webhookExamples('pull_request', 'opened').filter((p) => p.installation);
    await app.receive('pull_request', opened!);
    await app.assembled.settled();
    pull();
    github()
      .patch(`${REPO}/check-runs/7`, (b: { status: string; conclusion: string; output: { title: string }; actions: unknown[] }) =>
        b.status === 'completed' && b.conclusion === 'success' && b.output.title === 'Regression in ndjson-parse acknowledged by @Codertocat' && b.actions.length === 0,
      )
      .reply(200, { id: 7 });
    reply((body) => body === '@Codertocat acknowledged `ndjson-parse` (expected: we validate more now); the perfbot check is now success.');
    await app.receive('issue_comment', comment('/perfbot ack ndjson-parse expected: we validate more now'));
    await app.assembled.settled();
    expect(app.assembled.runtime.state.acks('Codertocat/Hello-World', 2, HEAD)).toEqual([{ benchmark: 'ndjson-parse', login: 'Codertocat', reason: 'expected: we validate more now' }]);
  });

  it('/perfbot bisect queues a bisect from the base to the head and says so', async () => {
    installationToken(1);
    pull();
    reply((body) => body.startsWith('@Codertocat bisecting `ndjson-parse` latency.p99 between `f95f852bd8` and `ec26c3e57c` (next to run)'));
    const app = open({ report: regressed, startWorker: false });
    await app.receive('issue_comment', comment('/perfbot bisect ndjson-parse latency.p99'));
    await app.assembled.settled();
    const [job] = app.assembled.runtime.queue.list();
    expect(job).toMatchObject({ kind: 'bisect', state: 'queued', payload: { benchmark: 'ndjson-parse', metric: 'latency.p99', good: BASE, bad: HEAD, requestedBy: 'Codertocat' } });
  });
});

describe('a bisect asked for in a comment', () => {
  it('puts the culprit into the pull request comment, under the head\'s compare', async () => {
    const culprit = 'c0ffee0000000000000000000000000000000001';
    const report: BisectReport = {
      result: { status: 'found', culprits: [{ sha: culprit, change: -0.121, ci: [-0.15, -0.09] }], candidates: [], steps: [{ sha: culprit, verdict: 'bad', trials: 24, note: null }], confirmed: { sha: HEAD, change: -0.12, ci: [-0.14, -0.1] }, trials: 40, reused: 0, rounds: 2, reason: 'one step' },
      merged: null,
      benchmark: 'ndjson-parse',
      metric: 'throughput',
      good: BASE,
      bad: HEAD,
      commits: 3,
      info: new Map([[culprit, { subject: 'Validate every field', author: 'Ada Lovelace' }]]),
    };
    const asked: unknown[] = [];
    installationToken(1);
    github().post(`${REPO}/check-runs`).reply(201, { id: 7 });
    github().patch(`${REPO}/check-runs/7`).twice().reply(200, { id: 7 });
    github().get(`${REPO}/issues/2/comments`).query(true).reply(200, []);
    github().post(`${REPO}/issues/2/comments`).reply(201, { id: 100 });
    const app = open({ report: regressed, extra: { bisect: () => async (input) => (asked.push(input), report) } });
    const [opened] = webhookExamples('pull_request', 'opened').filter((p) => p.installation);
    await app.receive('pull_request', opened!);
    await app.assembled.settled();
    pull();
    reply((body) => body.startsWith('@Codertocat bisecting `ndjson-parse` throughput'));
    github()
      .patch(`${REPO}/issues/comments/100`, (b: { body: string }) => {
        const compare = b.body.indexOf('ndjson-parse');
        const bisect = b.body.indexOf('### Bisect of `ndjson-parse` throughput (asked by @Codertocat)');
        return b.body.startsWith(COMMENT_MARKER) && compare > 0 && bisect > compare && b.body.includes('`c0ffee0000` Validate every field (Ada Lovelace)');
      })
      .reply(200, { id: 100 });
    await app.receive('issue_comment', comment('/perfbot bisect ndjson-parse'));
    await app.assembled.settled();
    expect(asked).toMatchObject([{ good: BASE, bad: HEAD, benchmark: 'ndjson-parse', metric: 'throughput' }]);
    expect(app.assembled.runtime.queue.list({ kind: 'bisect' })).toMatchObject([{ state: 'done', result: { status: 'found', culprit } }]);
  });
});

describe('check_run', () => {
  function checkRun(action: string): Record<string, unknown> {
    const [payload] = webhookExamples('check_run', 'rerequested');
    const p = payload as { action: string; repository: Record<string, unknown>; check_run: Record<string, unknown>; requested_action?: unknown; sender: { login: string } };
    p.action = action;
    p.check_run.name = 'perfbot';
    p.check_run.head_sha = HEAD;
    p.check_run.pull_requests = [{ number: 2, base: { ref: 'master', sha: BASE }, head: { sha: HEAD } }];
    if (action === 'requested_action') p.requested_action = { identifier: 'ack' };
    return payload!;
  }

  it('measures again when the check is re-run', async () => {
    installationToken(1);
    github().post('/repos/github/hello-world/check-runs').reply(201, { id: 70 });
    github().patch('/repos/github/hello-world/check-runs/70').twice().reply(200, { id: 70 });
    github().get('/repos/github/hello-world/issues/2/comments').query(true).reply(200, []);
    github().post('/repos/github/hello-world/issues/2/comments').reply(201, { id: 100 });
    const app = open({ report: regressed });
    await app.receive('check_run', checkRun('rerequested'));
    await app.assembled.settled();
    expect(app.assembled.runtime.queue.list()).toMatchObject([{ kind: 'compare', state: 'done', payload: { trigger: 'rerequested', requestedBy: 'octocat' } }]);
  });

  it('ignores check runs of other apps', async () => {
    const payload = checkRun('rerequested');
    (payload.check_run as { name: string }).name = 'randscape';
    const app = open({ report: regressed });
    await app.receive('check_run', payload);
    await app.assembled.settled();
    expect(app.assembled.runtime.queue.list()).toEqual([]);
  });

  it('the Acknowledge button records who pressed it', async () => {
    installationToken(1);
    github().get('/repos/github/hello-world/collaborators/octocat/permission').reply(200, { permission: 'admin', role_name: 'admin' });
    github().post('/repos/github/hello-world/issues/2/comments', (b: { body: string }) => b.body.startsWith('Noted: @octocat acknowledged the regressions')).reply(201, { id: 5 });
    const app = open({ report: regressed });
    await app.receive('check_run', checkRun('requested_action'));
    await app.assembled.settled();
    expect(app.assembled.runtime.state.acks('github/hello-world', 2, HEAD)).toEqual([{ benchmark: '*', login: 'octocat', reason: null }]);
  });
});
