/**
 * End to end on loopback with nothing local but the machine: the App as `npm start` runs it
 * (`startApp`, Probot's webhook middleware behind perfbot's own server), GitHub Enterprise
 * settings (`GHE_HOST`, `GHE_PROTOCOL=http`) pointing the REST API and git at 127.0.0.1, the
 * repository served over smart HTTP by `git http-backend` that wants the installation token,
 * a signed `pull_request.opened`, real trials, and the REST API answered by nock.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/index.js';
import { COMMENT_MARKER } from '../../src/report/pr-comment.js';
import { TestRepo } from '../helpers/git-repo.js';
import { GitHttpServer } from '../helpers/git-http-server.js';
import { workSource } from '../helpers/workload-repo.js';
import { INSTALLATION_TOKEN, PRIVATE_KEY, WEBHOOK_SECRET, webhookExamples } from './app-harness.js';

const FULL_NAME = 'Codertocat/Hello-World';
const REPO = `/api/v3/repos/${FULL_NAME}`;
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
  app: RunningApp;
  git: GitHttpServer;
  cache: string;
  dbFile: string;
  logs: string[];
  /** nock for the App's REST calls to the loopback GHE host, with the installation token. */
  api(): nock.Scope;
  close(): Promise<void>;
}

/**
 * The App started as `npm start` starts it, against a GHE host on loopback whose git server
 * takes `gitToken` (the installation token nock hands out, unless a test wants it refused).
 */
async function startLoopback(o: { gitToken?: string } = {}): Promise<Loopback> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const git = await GitHttpServer.start({ token: o.gitToken ?? INSTALLATION_TOKEN });
  const dir = mkdtempSync(join(tmpdir(), 'perfbot-loopback-'));
  const cache = join(dir, 'cache');
  const dbFile = join(dir, 'perfbot.sqlite');
  const base = `http://${git.host}`;
  // The token exchange and the App's slug (asked once), as GitHub answers them.
  nock(base)
    .post('/api/v3/app/installations/1/access_tokens')
    .reply(201, { token: INSTALLATION_TOKEN, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: 'all' });
  nock(base).get('/api/v3/app').reply(200, { id: 1, slug: 'perfbot', name: 'perfbot' });
  const app = await startApp(
    {
      APP_ID: '1',
      PRIVATE_KEY,
      WEBHOOK_SECRET,
      GHE_HOST: git.host,
      GHE_PROTOCOL: 'http',
      HOST: '127.0.0.1',
      PORT: '0',
      PERFBOT_DB: dbFile,
      PERFBOT_CACHE: cache,
      PERFBOT_REPORT_SCHEDULE: '0 9 1 1 *',
    },
    { log: pino({ level: 'trace' }, sink), retryBaseMs: 5, runtime: { pollMs: 50, progressEveryMs: 3_600_000 } },
  );
  if (app === 'setup') throw new Error('started in setup mode');
  return {
    url: `${app.url}${WEBHOOK_PATH}`,
    app,
    git,
    cache,
    dbFile,
    logs,
    api: () => nock(base, { reqheaders: { authorization: `token ${INSTALLATION_TOKEN}` } }),
    async close() {
      await app.close();
      await git.close();
      rmSync(dir, { recursive: true, force: true });
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

/** Every request that reached no nock interceptor, except deliveries to the App's own port, as `METHOD host path`. */
function recordUnexpected(appPort: number): string[] {
  const seen: string[] = [];
  type Req = { method?: string; host?: string; hostname?: string; port?: number | string; path?: string; url?: string };
  nock.emitter.on('no match', (req: Req, options?: Req) => {
    const o = options ?? req;
    const where = `${o.hostname ?? o.host ?? ''}:${o.port ?? ''} ${o.path ?? o.url ?? req.path ?? req.url ?? ''}`;
    if (where.includes(`:${appPort}`)) return;
    seen.push(`UNEXPECTED ${o.method ?? req.method} ${where}`);
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

/** A real `pull_request.opened` delivery (with an installation) for the given shas, its `clone_url` forged. */
function openedPayload(forgedCloneUrl: string, base: string, head: string): Record<string, unknown> {
  const [payload] = webhookExamples('pull_request', 'opened').filter((p) => p.installation);
  const p = payload as {
    repository: { clone_url: string; full_name: string };
    pull_request: { base: { ref: string; sha: string }; head: { sha: string } };
  };
  expect(p.repository.full_name).toBe(FULL_NAME);
  p.repository.clone_url = forgedCloneUrl;
  p.pull_request.base.ref = 'main';
  p.pull_request.base.sha = base;
  p.pull_request.head.sha = head;
  return payload!;
}

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

let open: Loopback[] = [];
let others: GitHttpServer[] = [];
let repos: TestRepo[] = [];
beforeAll(() => {
  nock.disableNetConnect();
  // Deliveries go to the App's real server and git to the real git server; the REST API stays nock.
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());
afterEach(async () => {
  for (const lb of open) await lb.close();
  for (const s of others) await s.close();
  open = [];
  others = [];
  for (const repo of repos) rmSync(repo.dir, { recursive: true, force: true });
  repos = [];
  nock.cleanAll();
  nock.emitter.removeAllListeners('no match');
});

describe('the App end to end on loopback', () => {
  it('measures a signed pull_request.opened from the configured git host with the token, whatever clone_url says, and reports the regression', async () => {
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
      const { repo, base, head } = regressedRepo();
      const lb = await startLoopback();
      open.push(lb);
      lb.git.publish(FULL_NAME, repo.dir);
      // An attacker's server, named by the payload's clone_url: it must see nothing.
      const evil = await GitHttpServer.start({ token: INSTALLATION_TOKEN });
      others.push(evil);
      evil.publish(FULL_NAME, repo.dir);
      const unexpected = recordUnexpected(lb.app.port);
      const order: string[] = [];
      const seen = (what: string) => order.push(what);
      let comment = '';
      const checkTexts: string[] = [];
      let completed: { conclusion: string; output: { title: string; summary: string } } | null = null;

      lb.api()
        .post(`${REPO}/check-runs`, (b: { head_sha: string; status: string; external_id: string; output: { summary: string } }) => (checkTexts.push(JSON.stringify(b)), b.head_sha === head && b.status === 'queued' && b.external_id === `${FULL_NAME}@${head}`))
        .reply(201, () => (seen('create check (queued)'), { id: 7 }));
      lb.api()
        .patch(`${REPO}/check-runs/7`, (b: { status: string }) => (checkTexts.push(JSON.stringify(b)), b.status === 'in_progress'))
        .reply(200, () => (seen('check in progress'), { id: 7 }));
      lb.api()
        .get(`${REPO}/issues/2/comments`)
        .query({ per_page: 100 })
        .reply(200, () => (seen('look for the comment'), [{ id: 55, body: `${COMMENT_MARKER}\nplanted by someone else`, user: { login: 'mallory', type: 'User' } }]));
      lb.api()
        .post(`${REPO}/issues/2/comments`, (b: { body: string }) => ((comment = b.body), true))
        .reply(201, () => (seen('create comment'), { id: 100 }));
      lb.api()
        .patch(`${REPO}/check-runs/7`, (b: { status: string; conclusion: string; output: { title: string; summary: string } }) => {
          if (b.status !== 'completed') return false;
          checkTexts.push(JSON.stringify(b));
          completed = b;
          return true;
        })
        .reply(200, () => (seen('complete check'), { id: 7 }));

      const ack = await deliver(lb.url, 'pull_request', openedPayload(`${evil.base}/${FULL_NAME}.git`, base, head));
      expect(ack.status).toBe(200);
      expect(ack.ms).toBeLessThan(10_000);

      await waitFor(() => order.includes('complete check'), 150_000);

      expect(unexpected).toEqual([]);
      expect(nock.pendingMocks()).toEqual([]);
      // A marker in a comment that is not perfbot's own bot's does not make it perfbot's comment.
      expect(order).toEqual(['create check (queued)', 'check in progress', 'look for the comment', 'create comment', 'complete check']);
      expect(comment.startsWith(COMMENT_MARKER)).toBe(true);
      expect(comment).toContain('work');
      expect(comment).toMatch(/regress/i);
      expect(completed).not.toBeNull();
      expect(completed!.conclusion).toBe('failure');
      expect(completed!.output.title).toBe('Regression in work');

      // Git was fetched from the configured host only, with the token.
      expect(evil.requests).toEqual([]);
      const fetches = lb.git.gitRequests();
      expect(fetches.some((r) => r.authorized && r.path.includes('git-upload-pack'))).toBe(true);
      expect(fetches.filter((r) => r.status !== 401).every((r) => r.authorized)).toBe(true);

      // The benchmark code saw none of the process's secrets; the token is in no log, text or cached file.
      const envFiles = written();
      expect(envFiles.length).toBeGreaterThan(0);
      for (const path of envFiles) {
        const text = readFileSync(path, 'utf8');
        expect(JSON.parse(text)).toHaveProperty('PATH');
        expect(text).not.toContain(INSTALLATION_TOKEN);
        expect(text).not.toContain(WEBHOOK_SECRET);
        expect(text).not.toContain('PRIVATE KEY');
      }
      const basic = Buffer.from(`x-access-token:${INSTALLATION_TOKEN}`).toString('base64');
      expect(lb.logs.length).toBeGreaterThan(3);
      for (const text of [lb.logs.join('\n'), comment, ...checkTexts]) {
        expect(text).not.toContain(INSTALLATION_TOKEN);
        expect(text).not.toContain(basic);
      }
      for (const file of filesUnder(lb.cache)) {
        const text = readFileSync(file, 'latin1');
        expect(text, file).not.toContain(INSTALLATION_TOKEN);
        expect(text, file).not.toContain(basic);
      }
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      for (const path of written()) rmSync(path, { force: true });
    }
  }, 180_000);

  it('says in one line on the pull request that authentication failed when the git host refuses the token', async () => {
    const { repo, base, head } = regressedRepo();
    const lb = await startLoopback({ gitToken: 'ghs_theTokenTheHostWants' });
    open.push(lb);
    lb.git.publish(FULL_NAME, repo.dir);
    const bodies: string[] = [];
    let neutral = false;
    lb.api().post(`${REPO}/check-runs`).reply(201, { id: 7 });
    lb.api().patch(`${REPO}/check-runs/7`, (b: { status: string; conclusion?: string; output: { summary: string } }) => {
      bodies.push(b.output.summary);
      if (b.status === 'completed' && b.conclusion === 'neutral') neutral = true;
      return true;
    }).times(3).reply(200, { id: 7 });
    lb.api().get(`${REPO}/issues/2/comments`).query(true).optionally().reply(200, []);
    lb.api().post(`${REPO}/issues/2/comments`, (b: { body: string }) => (bodies.push(b.body), true)).reply(201, { id: 100 });
    expect((await deliver(lb.url, 'pull_request', openedPayload('https://example.invalid/x.git', base, head))).status).toBe(200);
    const line = `authentication failed for http://${lb.git.host}/${FULL_NAME}.git: the installation token was refused`;
    // The URL's `://` carries a zero-width space in GitHub text, so it links nowhere.
    await waitFor(() => neutral && bodies.some((b) => b.replaceAll('\u200b', '').includes(line)), 60_000);
    expect(bodies.join('\n')).not.toContain(INSTALLATION_TOKEN);
    expect(bodies.join('\n')).not.toMatch(/\n\s+at /);
  }, 90_000);

  it('a trial that writes counts the encoder cannot take ends invalid-output on the PR, the other benchmark still reports, and the next job runs', async () => {
    const { repo, base, head } = regressedRepo();
    repo.git('checkout', '--quiet', 'feature');
    const hostileHead = repo.commit('a hostile benchmark', {
      'benchmarks/hostile.bench.mjs': `import { writeSync } from 'node:fs';
const latency = { p50: 0.01, p90: 0.02, p99: 0.05, p999: 0.2, max: 1, mean: 0.012, count: 1, buckets: [[5, 1e308]] };
const result = { name: 'hostile', form: 'handle', mode: 'closed', messages: 1, windowMs: 1, throughput: 1000, bytesPerSec: null, latency,
  cpuPerMessageUs: 1, elu: 1, gc: { count: 0, pauseMs: 0 }, peakRssBytes: 1, peakHeapBytes: 1, stages: null,
  options: { warmupMs: 0, durationMs: 1, minMessages: 1, concurrency: 1, rate: null, latency: true } };
export default { setup: () => { writeSync(3, JSON.stringify({ type: 'result', result }) + '\\n'); }, handle: (x) => x };
`,
    });
    repo.git('checkout', '--quiet', 'main');
    expect(head).not.toBe(hostileHead);
    const lb = await startLoopback();
    open.push(lb);
    lb.git.publish(FULL_NAME, repo.dir);
    let comment = '';
    let completed: { conclusion: string } | null = null;
    lb.api().post(`${REPO}/check-runs`).reply(201, { id: 7 });
    lb.api().patch(`${REPO}/check-runs/7`, (b: { status: string; conclusion: string }) => (b.status === 'completed' && (completed = b), true)).twice().reply(200, { id: 7 });
    lb.api().get(`${REPO}/issues/2/comments`).query(true).reply(200, []);
    lb.api().post(`${REPO}/issues/2/comments`, (b: { body: string }) => ((comment = b.body), true)).reply(201, { id: 100 });
    expect((await deliver(lb.url, 'pull_request', openedPayload('x', base, hostileHead))).status).toBe(200);
    await waitFor(() => completed !== null, 150_000);
    expect(comment).toMatch(/hostile/);
    expect(comment).toMatch(/invalid output/);
    expect(comment).toMatch(/regress/i);
    expect(completed!.conclusion).toBe('failure');
    // The next job: a push to the default branch is recorded (no GitHub call but the cached token).
    const [push] = webhookExamples('push').filter((p) => p.installation && (p as { repository: { full_name: string } }).repository.full_name === FULL_NAME);
    const pushed = push as { ref: string; after: string; deleted: boolean; repository: { default_branch: string } };
    pushed.ref = `refs/heads/${pushed.repository.default_branch}`;
    pushed.after = base;
    pushed.deleted = false;
    expect((await deliver(lb.url, 'push', pushed)).status).toBe(200);
    const db = () => new Database(lb.dbFile, { readonly: true });
    await waitFor(() => {
      const conn = db();
      try {
        return (conn.prepare("SELECT count(*) AS n FROM jobs WHERE kind = 'record' AND state = 'done'").get() as { n: number }).n === 1;
      } finally {
        conn.close();
      }
    }, 120_000);
  }, 240_000);

  it('answers 400 to a delivery with a wrong signature and 413 to one over 25 MB, and enqueues nothing', async () => {
    const { base, head } = regressedRepo();
    const lb = await startLoopback();
    open.push(lb);
    const unexpected = recordUnexpected(lb.app.port);
    const res = await deliver(lb.url, 'pull_request', openedPayload('x', base, head), 'not-the-secret');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/signature does not match/);
    const big = await fetch(lb.url, { method: 'POST', headers: { 'x-github-event': 'push', 'x-github-delivery': randomUUID(), 'content-type': 'application/json' }, body: 'x'.repeat(26 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(lb.logs.some((l) => l.includes('refused: body over 26214400 bytes'))).toBe(true);
    expect(unexpected).toEqual([]);
    nock.cleanAll();
  });

  it('refuses to start without WEBHOOK_SECRET, naming it, unless NODE_ENV=development', async () => {
    const env = { APP_ID: '1', PRIVATE_KEY, HOST: '127.0.0.1', PORT: '0', PERFBOT_DB: join(mkdtempSync(join(tmpdir(), 'perfbot-nosecret-')), 'db.sqlite') };
    await expect(startApp(env)).rejects.toThrow(/^WEBHOOK_SECRET is not set/);
    const dev = await startApp({ ...env, NODE_ENV: 'development' }, { log: pino({ level: 'silent' }) });
    expect(dev).not.toBe('setup');
    if (dev !== 'setup') await dev.close();
  });
});

/** Waits until `done()` holds, checking every 50 ms. @throws after `ms` */
async function waitFor(done: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error(`not done within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
