/**
 * End to end on loopback: Probot's real HTTP server (`createNodeMiddleware`) on 127.0.0.1, a
 * signed `pull_request.opened` delivery sent with `fetch`, the real compare over a local git
 * repository with a planted regression, and GitHub's API faked by nock.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import nock from 'nock';
import { createNodeMiddleware, Probot } from 'probot';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OctokitGitHub } from '../../src/adapters/github/octokit-github.js';
import { OctokitReportIssues } from '../../src/adapters/github/octokit-report-issues.js';
import { perfbotOctokit } from '../../src/adapters/github/probot-octokit.js';
import { SqliteResultStore } from '../../src/adapters/store/sqlite-result-store.js';
import { perfbotApp } from '../../src/app/perfbot-app.js';
import { COMMENT_MARKER } from '../../src/report/pr-comment.js';
import { assembleApp, type AssembledApp } from '../../src/wiring/app-runtime.js';
import { TestRepo } from '../helpers/git-repo.js';
import { workSource } from '../helpers/workload-repo.js';
import { github, installationToken, INSTALLATION_TOKEN, PRIVATE_KEY, WEBHOOK_SECRET, webhookExamples } from './app-harness.js';

const REPO = '/repos/Codertocat/Hello-World';
/** Probot 14's default webhook path (`defaultWebhookPath` in probot/lib/server/server.js). */
const WEBHOOK_PATH = '/api/github/webhooks';
const CONFIG = 'warmup: 30ms\nduration: 100ms\ntrials: 8\nmax_pairs: 16\n';
/** Where the benchmark's `setup` leaves the trial's environment (one file per trial process). */
const ENV_DIR = tmpdir();
const ENV_FILE = /^perfbot-env-\d+\.json$/;

/** A benchmark that, in its setup, writes the environment it was given, as hostile PR code would read it. */
const SNOOPING_BENCH = `import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { work } from '../src/work.mjs';
export default {
  setup: () => {
    writeFileSync(join(${JSON.stringify(ENV_DIR)}, 'perfbot-env-' + process.pid + '.json'), JSON.stringify(process.env));
  },
  handle: (i) => work(i),
};
`;

interface Loopback {
  url: string;
  assembled: AssembledApp;
  logs: string[];
  close(): Promise<void>;
}

/** perfbot behind Probot's own HTTP middleware on 127.0.0.1 (a free port), with the real compare. */
async function startLoopback(): Promise<Loopback> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    secret: WEBHOOK_SECRET,
    log: pino({ level: 'trace' }, sink),
    Octokit: perfbotOctokit({ retryBaseMs: 5, throttle: false }),
  });
  const dbDir = mkdtempSync(join(tmpdir(), 'perfbot-loopback-'));
  const cache = mkdtempSync(join(tmpdir(), 'perfbot-loopback-cache-'));
  const store = new SqliteResultStore(join(dbDir, 'perfbot.sqlite'));
  const assembled = assembleApp({
    store,
    cache,
    githubFor: async (id) => new OctokitGitHub(await probot.auth(id)),
    issuesFor: async (id) => new OctokitReportIssues(await probot.auth(id)),
    log: (line) => logs.push(line),
    pollMs: 50,
    // No progress updates of the check run during the trials: the GitHub calls below are exact.
    progressEveryMs: 3_600_000,
  });
  const middleware = await createNodeMiddleware(perfbotApp(assembled.runtime) as never, { probot });
  const server: Server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  assembled.worker.start();
  return {
    url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    assembled,
    logs,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await assembled.worker.stop();
      store.close();
      for (const dir of [dbDir, cache]) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends a delivery as GitHub does: the exact body, signed with the webhook secret. */
async function deliver(url: string, event: string, payload: unknown, secret = WEBHOOK_SECRET): Promise<{ status: number; text: string; ms: number }> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'x-github-event': event, 'x-github-delivery': randomUUID(), 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}

/** Every request other than to the loopback server that reached no nock interceptor, as `METHOD host path`. */
function recordUnexpected(): string[] {
  const seen: string[] = [];
  type Req = { method?: string; host?: string; hostname?: string; path?: string };
  nock.emitter.on('no match', (req: Req, options?: Req) => {
    const o = options ?? req;
    const host = o.hostname ?? o.host ?? '';
    if (/^127\.0\.0\.1(:|$)/.test(host)) return;
    seen.push(`UNEXPECTED ${o.method ?? req.method} ${host} ${o.path ?? req.path}`);
  });
  return seen;
}

/** A repository whose `feature` branch doubles the work per message. */
function regressedRepo(): { repo: TestRepo; base: string; head: string } {
  const repo = new TestRepo('perfbot-loopback-repo-');
  const base = repo.commit('initial', {
    '.github/perfbot.yml': CONFIG,
    'benchmarks/work.bench.mjs': SNOOPING_BENCH,
    'src/work.mjs': workSource(2000),
  });
  repo.git('checkout', '--quiet', '-b', 'feature');
  const head = repo.commit('twice the work', { 'src/work.mjs': workSource(4000) });
  repo.git('checkout', '--quiet', 'main');
  repos.push(repo);
  return { repo, base, head };
}

/** A real `pull_request.opened` delivery (with an installation) for the given repository and shas. */
function openedPayload(cloneUrl: string, base: string, head: string): Record<string, unknown> {
  const [payload] = webhookExamples('pull_request', 'opened').filter((p) => p.installation);
  const p = payload as {
    repository: { clone_url: string };
    pull_request: { base: { ref: string; sha: string }; head: { sha: string } };
  };
  p.repository.clone_url = cloneUrl;
  p.pull_request.base.ref = 'main';
  p.pull_request.base.sha = base;
  p.pull_request.head.sha = head;
  return payload!;
}

let open: Loopback[] = [];
let repos: TestRepo[] = [];
beforeAll(() => {
  nock.disableNetConnect();
  // The deliveries go to the real server on loopback; GitHub stays faked.
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());
afterEach(async () => {
  for (const lb of open) await lb.close();
  open = [];
  for (const repo of repos) rmSync(repo.dir, { recursive: true, force: true });
  repos = [];
  nock.cleanAll();
  nock.emitter.removeAllListeners('no match');
});

describe('webhooks over loopback HTTP', () => {
  it('acknowledges a signed pull_request.opened at once, then measures the real repository and reports the regression', async () => {
    const started = Date.now();
    const envFilesBefore = new Set(readdirSync(ENV_DIR).filter((f) => ENV_FILE.test(f)));
    // The secrets a production process holds in its environment: none may reach benchmark code.
    const saved = { GITHUB_TOKEN: process.env.GITHUB_TOKEN, WEBHOOK_SECRET: process.env.WEBHOOK_SECRET, PRIVATE_KEY: process.env.PRIVATE_KEY };
    process.env.GITHUB_TOKEN = INSTALLATION_TOKEN;
    process.env.WEBHOOK_SECRET = WEBHOOK_SECRET;
    process.env.PRIVATE_KEY = PRIVATE_KEY;
    /** The environment files the trials of this test wrote. */
    const written = () =>
      readdirSync(ENV_DIR)
        .filter((f) => ENV_FILE.test(f) && (!envFilesBefore.has(f) || statSync(join(ENV_DIR, f)).mtimeMs >= started))
        .map((f) => join(ENV_DIR, f));
    try {
      const unexpected = recordUnexpected();
      const { repo, base, head } = regressedRepo();
      const order: string[] = [];
      const seen = (what: string) => order.push(what);
      let comment = '';
      let completed: { conclusion: string; output: { title: string; summary: string } } | null = null;

      installationToken(1);
      github()
        .post(`${REPO}/check-runs`, (b: { head_sha: string; status: string; external_id: string }) => b.head_sha === head && b.status === 'queued' && b.external_id === `Codertocat/Hello-World@${head}`)
        .reply(201, () => (seen('create check (queued)'), { id: 7 }));
      github()
        .patch(`${REPO}/check-runs/7`, (b: { status: string }) => b.status === 'in_progress')
        .reply(200, () => (seen('check in progress'), { id: 7 }));
      github()
        .get(`${REPO}/issues/2/comments`)
        .query({ per_page: 100 })
        .reply(200, () => (seen('look for the comment'), []));
      github()
        .post(`${REPO}/issues/2/comments`, (b: { body: string }) => ((comment = b.body), true))
        .reply(201, () => (seen('create comment'), { id: 100 }));
      github()
        .patch(`${REPO}/check-runs/7`, (b: { status: string; conclusion: string; output: { title: string; summary: string } }) => {
          if (b.status !== 'completed') return false;
          completed = b;
          return true;
        })
        .reply(200, () => (seen('complete check'), { id: 7 }));

      const lb = await startLoopback();
      open.push(lb);
      const ack = await deliver(lb.url, 'pull_request', openedPayload(repo.dir, base, head));
      // Answered before the job finished: the job still waits or runs when the answer arrives.
      const atAck = lb.assembled.runtime.queue.list();
      expect(ack.status).toBe(200);
      expect(atAck.map((j) => [j.kind, j.subject])).toEqual([['compare', 'pr:2']]);
      expect(['queued', 'running']).toContain(atAck[0]!.state);
      expect(ack.ms).toBeLessThan(10_000);

      await lb.assembled.settled();

      expect(unexpected).toEqual([]);
      expect(nock.pendingMocks()).toEqual([]);
      expect(order).toEqual(['create check (queued)', 'check in progress', 'look for the comment', 'create comment', 'complete check']);
      expect(comment.startsWith(COMMENT_MARKER)).toBe(true);
      expect(comment).toContain('work');
      expect(comment).toMatch(/regress/i);
      expect(completed).not.toBeNull();
      expect(completed!.conclusion).toBe('failure');
      expect(completed!.output.title).toBe('Regression in work');
      const jobs = lb.assembled.runtime.queue.list();
      expect(jobs.map((j) => [j.kind, j.state])).toEqual([['compare', 'done']]);
      expect(jobs[0]!.result).toEqual({ conclusion: 'failure', title: 'Regression in work' });

      // The benchmark code saw none of the process's secrets, and no log line carries the token.
      const envFiles = written();
      expect(envFiles.length).toBeGreaterThan(0);
      for (const path of envFiles) {
        const text = readFileSync(path, 'utf8');
        expect(JSON.parse(text)).toHaveProperty('PATH');
        expect(text).not.toContain(INSTALLATION_TOKEN);
        expect(text).not.toContain(WEBHOOK_SECRET);
        expect(text).not.toContain('PRIVATE KEY');
      }
      expect(lb.logs.length).toBeGreaterThan(3);
      expect(lb.logs.join('\n')).not.toContain(INSTALLATION_TOKEN);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      for (const path of written()) rmSync(path, { force: true });
    }
  }, 180_000);

  it('answers 400 to a delivery with a wrong signature, enqueues nothing and calls no GitHub API', async () => {
    const unexpected = recordUnexpected();
    const { repo, base, head } = regressedRepo();
    const lb = await startLoopback();
    open.push(lb);
    const res = await deliver(lb.url, 'pull_request', openedPayload(repo.dir, base, head), 'not-the-secret');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/signature does not match/);
    await lb.assembled.settled();
    expect(lb.assembled.runtime.queue.list()).toEqual([]);
    expect(unexpected).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
