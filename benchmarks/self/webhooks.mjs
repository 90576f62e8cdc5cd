// npm run bench:webhooks — how fast perfbot acknowledges a burst of webhooks. Probot's real HTTP
// server (createNodeMiddleware) on 127.0.0.1 with perfbot's handlers and a real SQLite queue gets
// N concurrent signed `pull_request.opened` deliveries (distinct PRs and heads, so none supersedes
// another). The worker is not started, so jobs only queue; GitHub is a fake that answers at once
// (no network). Prints p50/p99/max time to the HTTP answer and checks that every delivery got 200
// and queued exactly one job (exit 1 if not).
// For scale it also prints: M deliveries sent one at a time (a delivery that waits behind no
// other), and the same deliveries against a bare node:http server that only reads the body and
// answers 200 (the floor this machine and sender set, whatever perfbot does). The deliveries come
// from a sender process of its own, as GitHub's come from another machine.
//   --deliveries N (default 200)   --sequential M (default 50)   --same-process (sender in this process)
import { fork } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    deliveries: { type: 'string', default: '200' },
    sequential: { type: 'string', default: '50' },
    'same-process': { type: 'boolean', default: false },
    sender: { type: 'string' },
  },
});
const N = Number(values.deliveries);
const M = Number(values.sequential);
const TARGET_P99_MS = 100;
const SECRET = 'perfbot-bench-secret';
const PATH = '/api/github/webhooks';

if (values.sender) {
  const report = await burst(values.sender, M);
  process.send(report, () => process.disconnect());
} else await main();

/**
 * Sends one warm-up delivery (PR N + 1), M one at a time (PRs N + 2 …), then N at once (PRs 1 … N).
 * @returns each one's time to the answer
 */
async function burst(url, sequentialCount) {
  const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json');
  const template = examples.find((e) => e.name === 'pull_request').examples.find((e) => e.action === 'opened' && e.installation);
  /** A signed delivery of PR `number` with its own head sha, as GitHub sends it. */
  const delivery = (number) => {
    const payload = structuredClone(template);
    payload.number = number;
    payload.pull_request.number = number;
    payload.pull_request.head.sha = randomBytes(20).toString('hex');
    const body = JSON.stringify(payload);
    const headers = {
      'x-github-event': 'pull_request',
      'x-github-delivery': randomUUID(),
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    };
    return { body, headers };
  };
  // node:http rather than fetch: undici's fetch costs the sender two to three times as much CPU
  // per request, which on a small machine would be measured as the server's delay.
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const send = (d) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request(url, { method: 'POST', agent, headers: { ...d.headers, 'content-length': Buffer.byteLength(d.body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      });
      req.on('error', reject);
      req.end(d.body);
    });
  // The server loads some modules lazily on its first delivery; the burst should not pay for that.
  const warm = await send(delivery(N + 1));
  const sequential = [];
  for (let i = 0; i < sequentialCount; i++) sequential.push(await send(delivery(N + 2 + i)));
  const prepared = Array.from({ length: N }, (_, i) => delivery(i + 1));
  const started = performance.now();
  const results = await Promise.all(prepared.map(send));
  const burstMs = performance.now() - started;
  agent.destroy();
  return { warm, sequential, results, burstMs };
}

/** GitHub for the background lane (queued check runs): answers at once, no network. */
function fakeGitHub() {
  let ids = 0;
  return {
    createCheckRun: async () => ++ids,
    updateCheckRun: async () => {},
    createComment: async () => ++ids,
    updateComment: async () => true,
    findComment: async () => null,
    permission: async () => 'write',
    pullRequest: async () => {
      throw new Error('not in this benchmark');
    },
    cloneToken: async () => 'unused',
  };
}

/** Runs `burst` in a sender process of its own (or in this one with --same-process). */
async function deliverAll(url, sequential) {
  if (values['same-process']) return burst(url, sequential);
  const sender = fork(fileURLToPath(import.meta.url), ['--deliveries', String(N), '--sequential', String(sequential), '--sender', url]);
  return new Promise((resolve, reject) => {
    sender.once('message', resolve);
    sender.once('error', reject);
    sender.once('exit', (code) => reject(new Error(`the sender exited with ${code} before reporting`)));
  });
}

async function main() {
  const { createNodeMiddleware, Probot } = await import('probot');
  const { pino } = await import('pino');
  const { perfbotOctokit } = await import('../../dist/adapters/github/probot-octokit.js');
  const { SqliteResultStore } = await import('../../dist/adapters/store/sqlite-result-store.js');
  const { perfbotApp } = await import('../../dist/app/perfbot-app.js');
  const { assembleApp } = await import('../../dist/wiring/app-runtime.js');

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  // Production's log level (info), written nowhere: the cost of logging stays in the measurement.
  const nullSink = new Writable({ write: (_chunk, _enc, done) => done() });
  const probot = new Probot({ appId: 1, privateKey, secret: SECRET, Octokit: perfbotOctokit({ retryBaseMs: 5, throttle: false }), log: pino({ level: 'info' }, nullSink) });
  const dir = mkdtempSync(join(tmpdir(), 'perfbot-webhooks-bench-'));
  const store = new SqliteResultStore(join(dir, 'perfbot.sqlite'));
  const github = fakeGitHub();
  const assembled = assembleApp({ store, cache: join(dir, 'cache'), githubFor: async () => github, issuesFor: async () => { throw new Error('no issues in this benchmark'); }, log: () => {} });
  // The worker is never started: the jobs stay queued.
  const middleware = await createNodeMiddleware(perfbotApp(assembled.runtime), { probot });
  /** Per burst delivery: from the request's headers parsed by node:http to the answer written. */
  const inServer = [];
  const server = createServer((req, res) => {
    const started = performance.now();
    res.on('finish', () => inServer.push({ ms: performance.now() - started }));
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}${PATH}`;

  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n'));
  });
  await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const floor = await deliverAll(`http://127.0.0.1:${bare.address().port}${PATH}`, M);
  bare.closeAllConnections();
  await new Promise((resolve) => bare.close(resolve));

  const run = await deliverAll(url, M);
  await assembled.settled();

  const { warm, sequential, results, burstMs } = run;
  const sorted = (rs) => rs.map((r) => r.ms).sort((a, b) => a - b);
  const quantile = (times, q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  const summary = (times) => `p50 ${quantile(times, 0.5).toFixed(1)} ms · p99 ${quantile(times, 0.99).toFixed(1)} ms · max ${times.at(-1).toFixed(1)} ms`;
  const times = sorted(results);
  const ok = results.filter((r) => r.status === 200).length;
  const burstSubjects = new Set(Array.from({ length: N }, (_, i) => `pr:${i + 1}`));
  const all = assembled.runtime.queue.list();
  const jobs = all.filter((j) => burstSubjects.has(j.subject));
  const subjects = new Set(jobs.map((j) => j.subject));
  const queued = jobs.filter((j) => j.kind === 'compare' && j.state === 'queued').length;
  const p99 = quantile(times, 0.99);
  const seqOk = sequential.filter((r) => r.status === 200).length;
  const once = ok === N && jobs.length === N && subjects.size === N && queued === N && seqOk === M && all.length === N + M + 1;

  console.log(`perfbot webhook acknowledgement: ${N} concurrent signed pull_request.opened deliveries over loopback HTTP (sender ${values['same-process'] ? 'in the same process' : 'in its own process'})`);
  console.log(`  warm-up delivery: ${warm.status} in ${warm.ms.toFixed(1)} ms`);
  if (M > 0) console.log(`  ${M} deliveries one at a time: ${summary(sorted(sequential))} (${seqOk} answered 200)`);
  console.log(`  floor (bare node:http server, same burst): ${summary(sorted(floor.results))}, ${floor.burstMs.toFixed(0)} ms wall`);
  console.log(`  burst: ${burstMs.toFixed(0)} ms wall, ${(N / (burstMs / 1000)).toFixed(0)} deliveries/s`);
  console.log(`  burst time to HTTP answer: ${summary(times)}`);
  console.log(`  of which inside the server (headers parsed → answer written): ${summary(sorted(inServer.slice(-N)))}`);
  console.log(`  answered 200: ${ok} of ${N}`);
  console.log(`  burst jobs queued: ${jobs.length} (${queued} compare jobs waiting), distinct PR subjects: ${subjects.size}; queue holds ${all.length} jobs in all (${N} + ${M} + 1 warm-up expected)`);
  console.log(`  every job queued exactly once: ${once ? 'yes' : 'NO'}`);
  console.log(`  target p99 < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'met' : 'missed'}`);

  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  store.close();
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = once ? 0 : 1;
}
