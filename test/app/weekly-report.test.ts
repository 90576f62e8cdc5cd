import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { SqliteSeriesStore } from '../../src/adapters/store/sqlite-series-store.js';
import type { BisectReport } from '../../src/domain/bisect/types.js';
import { API, INSTALLATION_TOKEN, useTestApps, webhookExamples, type TestApp } from './app-harness.js';

const NOW = '2026-11-23T09:00:00.000Z'; // a Monday: the report covers the week of 2026-11-16
const WEEK = '2026-11-16';
const REPO = '/repos/Codertocat/Hello-World';
const FINGERPRINT = { runner: 'ci-1', cpu: 'test cpu', cores: 2, node: 'v20.20.2', harness: '2', pinning: 'none' };

/** Hourly recorded revisions of `repository` up to NOW, throughput dropping 20% at `stepAt` (ISO). */
function recordHistory(app: TestApp, repository: string, stepAt: string): { stepSha: string; shas: string[] } {
  const store = app.store;
  const series = new SqliteSeriesStore(store.db);
  const repositoryId = store.repositoryId(repository);
  const fingerprintId = store.fingerprintId(FINGERPRINT);
  let stepSha = '';
  const shas: string[] = [];
  for (let h = 0; h < 24 * 14; h++) {
    const at = new Date(Date.parse(NOW) - (24 * 14 - h) * 3_600_000).toISOString();
    const sha = h.toString(16).padStart(40, 'a');
    shas.push(sha);
    const after = at >= stepAt;
    if (after && !stepSha) stepSha = sha;
    const revisionId = store.revisionId(repositoryId, { sha, parents: [], author: 'Ada', authorDate: at, subject: `commit ${h}` });
    const wobble = 1 + 0.01 * Math.sin(h * 1.7);
    series.savePoints({ repositoryId, revisionId, fingerprintId, benchmark: 'benchmarks/ndjson.bench.mjs' }, [
      { metric: 'throughput', median: (after ? 80_000 : 100_000) * wobble, n: 5, cv: 0.02 },
      { metric: 'latency.p99', median: 2 * wobble, n: 5, cv: 0.05 },
    ]);
  }
  return { stepSha, shas };
}

const open = useTestApps();

describe('the weekly report', () => {
  it('files one issue per installed repository with history, closes last week\'s, and files nothing on a second tick', async () => {
    const app = open({ extra: { now: () => NOW, trendLookups: async () => ({ commitsBetween: async () => 0 }) } });
    const [installation] = webhookExamples('installation', 'created');
    await app.receive('installation', installation!);
    app.assembled.runtime.state.registerRepository('Codertocat/Empty', 957387, null);
    const { stepSha } = recordHistory(app, 'Codertocat/Hello-World', '2026-11-19T12:00:00.000Z');

    const api = nock(API, { reqheaders: { authorization: `token ${INSTALLATION_TOKEN}` } });
    nock(API).post('/app/installations/957387/access_tokens').reply(201, { token: INSTALLATION_TOKEN, expires_at: new Date(Date.parse(NOW) + 3_600_000 * 1000).toISOString() });
    api.get(`${REPO}/commits/${stepSha}/pulls`).reply(200, [{ number: 42, merged_at: '2026-11-19T12:00:00Z' }]);
    api.get(`${REPO}/labels/performance-report`).reply(404, { message: 'Not Found' });
    api.post(`${REPO}/labels`, { name: 'performance-report', color: '5319e7', description: 'perfbot weekly performance report' }).reply(201, {});
    api.get(`${REPO}/issues`).query({ labels: 'performance-report', state: 'open', sort: 'created', direction: 'desc', per_page: 100 }).reply(200, [
      { number: 10, title: 'Performance report — week of 2026-11-09', html_url: 'https://github.com/Codertocat/Hello-World/issues/10' },
    ]);
    api
      .post(`${REPO}/issues`, (b: { title: string; body: string; labels: string[] }) =>
        b.title === `Performance report — week of ${WEEK}` &&
        b.labels.join() === 'performance-report' &&
        b.body.includes(`<!-- perfbot:report ${WEEK} -->`) &&
        b.body.includes('| ndjson | throughput |') &&
        b.body.includes(`\`${stepSha.slice(0, 7)}\``) &&
        b.body.includes('#42') &&
        b.body.includes('✅ @octocat') &&
        b.body.includes('#10'),
      )
      .reply(201, { number: 11, title: `Performance report — week of ${WEEK}`, html_url: 'https://github.com/Codertocat/Hello-World/issues/11' });
    api.post(`${REPO}/issues/10/comments`, { body: 'Superseded by #11.' }).reply(201, { id: 1 });
    api.patch(`${REPO}/issues/10`, { state: 'closed', state_reason: 'completed' }).reply(200, { number: 10 });

    // Someone accepted the slowdown on the PR that brought it in.
    app.assembled.runtime.state.addAck('Codertocat/Hello-World', 42, 'f'.repeat(40), { benchmark: 'ndjson', login: 'octocat', reason: 'parsing is stricter now' });
    expect(app.assembled.tickWeeklyReports()).toHaveLength(2);
    await app.assembled.settled();
    const jobs = app.assembled.runtime.queue.list({ kind: 'report' });
    expect(jobs.map((j) => [j.repository, j.state, j.result])).toEqual([
      ['Codertocat/Empty', 'done', { issue: null, reason: 'nothing recorded yet' }],
      ['Codertocat/Hello-World', 'done', { issue: 11, reason: 'filed #11' }],
    ]);

    // The same week again (a second schedule, a restart): nothing is queued, GitHub hears nothing.
    expect(app.assembled.tickWeeklyReports()).toEqual([]);
    await app.assembled.settled();
  });

  it('bisects a change with unrecorded commits before it, within the budget, and sends the culprit to the report and its pull request', async () => {
    const culprit = 'c0ffee0000000000000000000000000000000042';
    const asked: { good: string; bad: string; benchmark: string; metric: string }[] = [];
    const bisect: BisectReport = {
      result: { status: 'found', culprits: [{ sha: culprit, change: -0.2, ci: [-0.22, -0.18] }], candidates: [], steps: [], confirmed: null, trials: 30, reused: 0, rounds: 3, reason: 'one step' },
      merged: null,
      benchmark: 'ndjson',
      metric: 'throughput',
      good: 'g',
      bad: 'b',
      commits: 4,
      info: new Map([[culprit, { subject: 'Parse every field twice', author: 'Ada Lovelace' }]]),
    };
    const app = open({
      extra: {
        now: () => NOW,
        trendLookups: async () => ({ commitsBetween: async () => 3 }),
        bisect: () => async (input) => {
          asked.push({ good: input.good, bad: input.bad, benchmark: input.benchmark, metric: input.metric });
          return bisect;
        },
      },
    });
    app.assembled.runtime.state.registerRepository('Codertocat/Hello-World', 957387, null);
    const { stepSha, shas } = recordHistory(app, 'Codertocat/Hello-World', '2026-11-19T12:00:00.000Z');
    const api = nock(API, { reqheaders: { authorization: `token ${INSTALLATION_TOKEN}` } });
    nock(API).post('/app/installations/957387/access_tokens').reply(201, { token: INSTALLATION_TOKEN, expires_at: new Date(Date.parse(NOW) + 3_600_000 * 1000).toISOString() });
    api.get(`${REPO}/labels/performance-report`).reply(200, { name: 'performance-report' });
    api.get(`${REPO}/issues`).query(true).reply(200, []);
    api.post(`${REPO}/issues`, (b: { body: string }) => b.body.includes('bisecting')).reply(201, { number: 11, title: `Performance report — week of ${WEEK}`, html_url: 'https://github.com/Codertocat/Hello-World/issues/11' });
    api.post(`${REPO}/issues/11/comments`, (b: { body: string }) => b.body.startsWith('### Bisect of `ndjson` throughput') && b.body.includes('`c0ffee0000` Parse every field twice')).reply(201, { id: 2 });
    api.get(`${REPO}/commits/${culprit}/pulls`).reply(200, [{ number: 42, merged_at: '2026-11-19T10:00:00Z' }]);
    api.post(`${REPO}/issues/42/comments`, (b: { body: string }) => b.body.startsWith("perfbot's weekly trend report traced a change in `ndjson` throughput")).reply(201, { id: 3 });

    app.assembled.tickWeeklyReports();
    await app.assembled.settled();
    const previous = shas[shas.indexOf(stepSha) - 1];
    expect(asked).toEqual([{ good: previous, bad: stepSha, benchmark: 'ndjson', metric: 'throughput' }]);
    expect(app.assembled.runtime.queue.list({ kind: 'bisect' })).toMatchObject([{ state: 'done', result: { status: 'found', culprit } }]);
  });
});
