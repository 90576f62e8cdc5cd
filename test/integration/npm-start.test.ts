/**
 * `npm start` as a user runs it (without its build step, which `npm test` did): refused
 * without WEBHOOK_SECRET, and, pointed at a GitHub Enterprise host on loopback that answers
 * the REST routes the App uses and serves git over smart HTTP, it measures a signed
 * `pull_request.opened` and posts its check run and comment there.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import examples from '@octokit/webhooks-examples';
import { FakeGitHubApi } from '../helpers/fake-github-api.js';
import { TestRepo } from '../helpers/git-repo.js';
import { GitHttpServer } from '../helpers/git-http-server.js';
import { workSource } from '../helpers/workload-repo.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'ghs_npmStartToken0123456789';
const SECRET = 'npm-start-secret';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The environment a user would give `npm start`, in a temp HOME. */
function baseEnv(dir: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: dir, APP_ID: '1', PRIVATE_KEY: privateKey, HOST: '127.0.0.1', LOG_LEVEL: 'info', PERFBOT_DB: join(dir, 'perfbot.sqlite'), PERFBOT_CACHE: join(dir, 'cache'), PERFBOT_REPORT_SCHEDULE: '0 9 1 1 *' };
}

let children: ChildProcess[] = [];
let servers: GitHttpServer[] = [];
afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const s of servers) await s.close();
  children = [];
  servers = [];
});

describe('npm start', () => {
  it('exits 2 without WEBHOOK_SECRET, naming it in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfbot-npmstart-'));
    const run = spawnSync('npm', ['start', '--silent', '--ignore-scripts'], { cwd: ROOT, env: baseEnv(dir), encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^perfbot: WEBHOOK_SECRET is not set/)]);
  });

  it('with GHE_HOST on loopback, measures a signed pull_request.opened and posts its check run and comment there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfbot-npmstart-'));
    const api = new FakeGitHubApi(TOKEN);
    const git = await GitHttpServer.start({ token: TOKEN, other: api.handle });
    servers.push(git);
    const repo = new TestRepo();
    const base = repo.commit('initial', {
      '.github/perfbot.yml': 'warmup: 30ms\nduration: 100ms\ntrials: 8\nmax_pairs: 16\n',
      'benchmarks/work.bench.mjs': "import { work } from '../src/work.mjs';\nexport default { handle: (i) => work(i) };\n",
      'src/work.mjs': workSource(2000),
    });
    const head = repo.commit('twice the work', { 'src/work.mjs': workSource(4000) });
    git.publish('Codertocat/Hello-World', repo.dir);

    const port = await freePort();
    const child = spawn('npm', ['start', '--silent', '--ignore-scripts'], {
      cwd: ROOT,
      env: { ...baseEnv(dir), WEBHOOK_SECRET: SECRET, PORT: String(port), GHE_HOST: git.host, GHE_PROTOCOL: 'http' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.push(child);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('listening on')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => reject(new Error(`npm start exited ${code}: ${output}`)));
    });

    const group = (examples as unknown as { name: string; examples: Record<string, unknown>[] }[]).find((e) => e.name === 'pull_request')!;
    const payload = structuredClone(group.examples.find((e) => e.action === 'opened' && e.installation)!) as { pull_request: { base: { ref: string; sha: string }; head: { sha: string } } };
    payload.pull_request.base = { ...payload.pull_request.base, ref: 'main', sha: base };
    payload.pull_request.head.sha = head;
    const body = JSON.stringify(payload);
    const res = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
      body,
    });
    expect(res.status).toBe(200);

    const completed = () => api.requests.find((r) => r.method === 'PATCH' && r.path.includes('/check-runs/') && r.body?.status === 'completed');
    const until = Date.now() + 150_000;
    while (!completed() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(completed()?.body).toMatchObject({ conclusion: 'failure', output: { title: 'Regression in work' } });
    const comment = api.requests.find((r) => r.method === 'POST' && r.path === '/repos/Codertocat/Hello-World/issues/2/comments');
    expect(String(comment?.body?.body)).toMatch(/regress/i);
    expect(api.requests.filter((r) => r.path.startsWith('/repos/')).every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    expect(git.gitRequests().some((r) => r.authorized && r.path.includes('git-upload-pack'))).toBe(true);
    expect(output).not.toContain(TOKEN);

    // SIGTERM to npm's process group, as a service manager sends it: perfbot stops taking deliveries.
    process.kill(-child.pid!, 'SIGTERM');
    const stopped = Date.now() + 30_000;
    let listening = true;
    while (listening && Date.now() < stopped) {
      listening = await fetch(`http://127.0.0.1:${port}/ping`).then(() => true, () => false);
      if (listening) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(listening).toBe(false);
  }, 180_000);
});
