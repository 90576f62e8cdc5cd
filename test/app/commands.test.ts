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

/** A real `issue_comment.created` payload, on pull request 2, with this body, author association and time. */
function comment(body: string, o: { association?: string; userType?: string; at?: string } = {}): Record<string, unknown> {
  const [payload] = webhookExamples('issue_comment', 'created').filter((p) => p.installation);
  const p = payload as { issue: Record<string, unknown>; comment: { body: string; author_association: string; created_at: string; user: { type: string } } };
  p.issue.number = 2;
  p.issue.pull_request = { url: `https://api.github.com${REPO}/pulls/2` };
  p.comment.body = body;
  p.comment.author_association = o.association ?? 'OWNER';
  p.comment.user.type = o.userType ?? 'User';
  // After the opened example's updated_at (15:20:33), so its head is the one the commenter saw.
  p.comment.created_at = o.at ?? '2019-05-15T16:00:00Z';
  return payload!;
}

/** A real `pull_request` payload of pull request 2 with this head at this time (GitHub's `updated_at`). */
function prEvent(action: 'opened' | 'synchronize', head: string, at: string): Record<string, unknown> {
  const [payload] = webhookExamples('pull_request', action).filter((p) => p.installation && (p as { number: number }).number === 2);
  const pr = (payload as { pull_request: { head: { sha: string }; updated_at: string } }).pull_request;
  pr.head.sha = head;
  pr.updated_at = at;
  return payload!;
}

const pull = (head = HEAD) => github().get(`${REPO}/pulls/2`).reply(200, { number: 2, user: { login: 'Codertocat' }, base: { ref: 'master', sha: BASE }, head: { sha: head, repo: { full_name: 'Codertocat/Hello-World' } } });
const reply = (match: (body: string) => boolean) => github().post(`${REPO}/issues/2/comments`, (b: { body: string }) => match(b.body)).reply(201, { id: 900 });
/** GitHub's collaborator permission of Codertocat: the only thing that decides who may command. */
const permission = (level: string, times = 1) =>
  github().get(`${REPO}/collaborators/Codertocat/permission`).times(times).reply(200, { permission: level === 'maintain' ? 'write' : level, role_name: level, user: { login: 'Codertocat' } });

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
    permission('write');
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

  it.each(['run', 'bisect ndjson-parse', 'ack ndjson-parse', 'help', 'speed'])('gives no reply at all to /perfbot %s from a MEMBER whose permission is read', async (command) => {
    installationToken(1);
    permission('read');
    const app = open({ report: regressed });
    await app.receive('issue_comment', comment(`/perfbot ${command}`, { association: 'MEMBER' }));
    await app.assembled.settled();
    expect(app.assembled.runtime.queue.list()).toEqual([]);
    expect(app.assembled.runtime.state.acks('Codertocat/Hello-World', 2, HEAD)).toEqual([]);
    expect(app.logs.some((l) => l.includes("ignored: permission 'read', not write"))).toBe(true);
  });

  it('answers /perfbot help with the usage, and a bad command with the right usage', async () => {
    installationToken(1);
    permission('maintain', 3);
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
    await app.receive('issue_comment', comment('/perfbot run', { association: 'NONE', userType: 'Bot' }));
    await app.assembled.settled();
    expect(app.assembled.runtime.queue.list()).toEqual([]);
  });

  it('measures the head the commenter saw, not one pushed after the comment', async () => {
    const pushed = 'b'.repeat(40);
    installationToken(1);
    github().post(`${REPO}/check-runs`, (b: { head_sha: string }) => b.head_sha === HEAD).reply(201, { id: 7 });
    github().post(`${REPO}/check-runs`, (b: { head_sha: string }) => b.head_sha === pushed).reply(201, { id: 8 });
    const app = open({ report: regressed, startWorker: false });
    await app.receive('pull_request', prEvent('opened', HEAD, '2019-05-15T15:00:00Z'));
    // The maintainer reviews HEAD and comments at 16:00; a push at 16:00:05 reaches the App first.
    await app.receive('pull_request', prEvent('synchronize', pushed, '2019-05-15T16:00:05Z'));
    await app.assembled.settled();
    permission('admin');
    pull(pushed);
    github().patch(`${REPO}/check-runs/7`, (b: { status: string }) => b.status === 'queued').reply(200, { id: 7 });
    await app.receive('issue_comment', comment('/perfbot run', { at: '2019-05-15T16:00:00Z' }));
    await app.assembled.settled();
    const last = app.assembled.runtime.queue.list().at(-1);
    expect(last).toMatchObject({ kind: 'compare', state: 'queued', payload: { headSha: HEAD, trigger: 'command', requestedBy: 'Codertocat' } });
  });

  it('refuses a bare /perfbot run when the head changed after the comment and the App never saw the one before', async () => {
    installationToken(1);
    github().post(`${REPO}/check-runs`).reply(201, { id: 8 });
    const app = open({ report: regressed, startWorker: false });
    await app.receive('pull_request', prEvent('synchronize', 'b'.repeat(40), '2019-05-15T16:00:05Z'));
    await app.assembled.settled();
    permission('write');
    pull('b'.repeat(40));
    reply((body) => body === '@Codertocat the head of this pull request changed after your comment, so perfbot cannot tell which one you reviewed. Say `/perfbot run <sha>` with the commit you reviewed.');
    await app.receive('issue_comment', comment('/perfbot run', { at: '2019-05-15T16:00:00Z' }));
    await app.assembled.settled();
    expect(app.assembled.runtime.queue.list().map((j) => j.payload)).toMatchObject([{ trigger: 'synchronize' }]);
  });

  it('/perfbot run <sha> measures that commit of the pull request, and names one that is not', async () => {
    const older = 'a'.repeat(40);
    installationToken(1);
    permission('write', 2);
    pull();
    pull();
    github().get(`${REPO}/pulls/2/commits`).query(true).twice().reply(200, [{ sha: older }, { sha: HEAD }]);
    github().post(`${REPO}/check-runs`, (b: { head_sha: string }) => b.head_sha === older).reply(201, { id: 9 });
    reply((body) => body === '@Codertocat `deadbeef` is not a commit of this pull request. Say `/perfbot run <sha>` with the commit you reviewed.');
    const app = open({ report: regressed, startWorker: false });
    await app.receive('issue_comment', comment(`/perfbot run ${older.slice(0, 12)}`));
    await app.assembled.settled();
    await app.receive('issue_comment', comment('/perfbot run deadbeef'));
    await app.assembled.settled();
    expect(app.assembled.runtime.queue.list()).toMatchObject([{ kind: 'compare', payload: { headSha: older, trigger: 'command' } }]);
  });

  it('handles a redelivered /perfbot bisect once', async () => {
    installationToken(1);
    permission('write');
    pull();
    reply((body) => body.startsWith('@Codertocat bisecting'));
    const app = open({ report: regressed, startWorker: false });
    const delivery = { id: 'd3b07384-redelivered', name: 'issue_comment', payload: comment('/perfbot bisect ndjson-parse') };
    await app.probot.receive(delivery as never);
    await app.assembled.settled();
    await app.probot.receive(structuredClone(delivery) as never);
    await app.assembled.settled();
    expect(app.assembled.runtime.queue.list({ kind: 'bisect' })).toHaveLength(1);
    expect(app.logs.some((l) => l.includes('issue_comment delivery d3b07384-redelivered was handled before: ignored'))).toBe(true);
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
    permission('write');
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
    permission('write');
    pull();
    reply((body) => body.startsWith(`@Codertocat bisecting \`ndjson-parse\` latency.p99 between ${BASE} and ${HEAD} (next to run)`));
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
    permission('write');
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
