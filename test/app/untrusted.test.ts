import { describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../src/report/pr-comment.js';
import { makeReport, okBenchmark } from '../unit/report/compare-fixtures.js';
import { github, installationToken, useTestApps, webhookExamples } from './app-harness.js';

const REPO = '/repos/Codertocat/Hello-World';

const open = useTestApps();

function opened(change: (pr: { head: { repo: { full_name: string } | null }; author_association: string; user: { type: string } }) => void): Record<string, unknown> {
  const [payload] = webhookExamples('pull_request', 'opened').filter((p) => p.installation);
  change((payload as { pull_request: never }).pull_request);
  return payload!;
}

describe('code perfbot must not run on its own', () => {
  it.each([
    ['a fork', (pr: Parameters<Parameters<typeof opened>[0]>[0]) => (pr.head.repo = { full_name: 'mallory/Hello-World' }), 'it comes from a fork'],
    ['a deleted fork', (pr: Parameters<Parameters<typeof opened>[0]>[0]) => (pr.head.repo = null), 'it comes from a fork'],
    ['a bot', (pr: Parameters<Parameters<typeof opened>[0]>[0]) => (pr.user.type = 'Bot'), 'it was opened by a bot'],
  ])('a pull request from %s starts no trial and says how a maintainer can start it', async (_who, change, why) => {
    let measured = 0;
    installationToken(1);
    github().get(`${REPO}/issues/2/comments`).query(true).reply(200, []);
    github()
      .post(`${REPO}/issues/2/comments`, (b: { body: string }) => b.body.startsWith(COMMENT_MARKER) && b.body.includes(`because ${why}`) && b.body.includes('`/perfbot run`'))
      .reply(201, { id: 100 });
    const app = open({
      report: () => {
        measured++;
        return makeReport([okBenchmark('a')]);
      },
    });
    await app.receive('pull_request', opened(change));
    await app.assembled.settled();
    expect(app.assembled.runtime.queue.list()).toEqual([]);
    expect(measured).toBe(0);
  });
});

describe('GitHub failing', () => {
  it('retries a write that got a 502 and posts the comment once', async () => {
    installationToken(1);
    github().post(`${REPO}/check-runs`).reply(201, { id: 7 });
    github().patch(`${REPO}/check-runs/7`).twice().reply(200, { id: 7 });
    github().get(`${REPO}/issues/2/comments`).query(true).reply(200, []);
    github().post(`${REPO}/issues/2/comments`).reply(502, { message: 'Bad Gateway' });
    github().post(`${REPO}/issues/2/comments`).reply(201, { id: 100 });
    const app = open({ report: () => makeReport([okBenchmark('a')]) });
    const [payload] = webhookExamples('pull_request', 'opened').filter((p) => p.installation);
    await app.receive('pull_request', payload!);
    await app.assembled.settled();
    expect(app.assembled.runtime.queue.list().map((j) => j.state)).toEqual(['done']);
    expect(app.assembled.runtime.state.commentId('Codertocat/Hello-World', 2)).toBe(100);
  });

  it('shows a job that failed for good on the pull request, and the queue goes on', async () => {
    installationToken(1);
    github().post(`${REPO}/check-runs`).reply(201, { id: 7 });
    github().patch(`${REPO}/check-runs/7`, (b: { status: string }) => b.status === 'in_progress').twice().reply(200, { id: 7 });
    github()
      .patch(`${REPO}/check-runs/7`, (b: { status: string; conclusion: string; output: { title: string; summary: string } }) =>
        b.status === 'completed' && b.conclusion === 'neutral' && b.output.title === 'perfbot could not measure this pull request' && b.output.summary.startsWith('.github/perfbot.yml at head ec26c3e57c: trials: expected a number'),
      )
      .reply(200, { id: 7 });
    github().get(`${REPO}/issues/2/comments`).query(true).reply(200, []);
    github().post(`${REPO}/issues/2/comments`, (b: { body: string }) => b.body.includes('perfbot could not measure this pull request')).reply(201, { id: 100 });
    const app = open({
      report: () => {
        throw new Error('.github/perfbot.yml at head ec26c3e57c: trials: expected a number\n  at parse (config.ts:1)');
      },
    });
    const [payload] = webhookExamples('pull_request', 'opened').filter((p) => p.installation);
    await app.receive('pull_request', payload!);
    await app.assembled.settled();
    expect(app.assembled.runtime.queue.list()).toMatchObject([{ state: 'failed', error: '.github/perfbot.yml at head ec26c3e57c: trials: expected a number' }]);
  });
});
