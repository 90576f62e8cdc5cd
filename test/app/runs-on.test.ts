import { describe, expect, it } from 'vitest';
import { TestRepo } from '../helpers/git-repo.js';
import { GitHttpServer } from '../helpers/git-http-server.js';
import { workSource } from '../helpers/workload-repo.js';
import { github, INSTALLATION_TOKEN, installationToken, useTestApps, webhookExamples } from './app-harness.js';

const REPO = '/repos/Codertocat/Hello-World';
const open = useTestApps();

describe('runs_on: command', () => {
  it('measures nothing on a push and says to ask with /perfbot run', async () => {
    const repo = new TestRepo();
    const base = repo.commit('base', {
      '.github/perfbot.yml': 'runs_on: command\n',
      'benchmarks/work.bench.mjs': "import { work } from '../src/work.mjs';\nexport default { handle: (i) => work(i) };\n",
      'src/work.mjs': workSource(2000),
    });
    const head = repo.commit('slower', { 'src/work.mjs': workSource(4000) });
    const [payload] = webhookExamples('pull_request', 'opened').filter((p) => p.installation);
    const p = payload as { pull_request: { base: { sha: string }; head: { sha: string } } };
    const git = await GitHttpServer.start({ token: INSTALLATION_TOKEN });
    git.publish('Codertocat/Hello-World', repo.dir);
    p.pull_request.base.sha = base;
    p.pull_request.head.sha = head;
    installationToken(1);
    github().post(`${REPO}/check-runs`).reply(201, { id: 7 });
    github().patch(`${REPO}/check-runs/7`, (b: { status: string }) => b.status === 'in_progress').reply(200, { id: 7 });
    github().get(`${REPO}/issues/2/comments`).query(true).reply(200, []);
    github().post(`${REPO}/issues/2/comments`, (b: { body: string }) => b.body.includes('`runs_on: command`') && b.body.includes('say `/perfbot run`')).reply(201, { id: 100 });
    github()
      .patch(`${REPO}/check-runs/7`, (b: { status: string; conclusion: string; output: { title: string } }) => b.status === 'completed' && b.conclusion === 'neutral' && b.output.title === 'Waiting for /perfbot run')
      .reply(200, { id: 7 });
    const app = open({ extra: { gitBaseUrl: git.base } });
    await app.receive('pull_request', payload!);
    await app.assembled.settled();
    await git.close();
    expect(app.assembled.runtime.queue.list().map((j) => j.state)).toEqual(['done']);
    expect((app.store.db.prepare('SELECT count(*) AS n FROM trials').get() as { n: number }).n).toBe(0);
  });
});
