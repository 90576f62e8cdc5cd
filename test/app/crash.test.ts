import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeReport, okBenchmark } from '../unit/report/compare-fixtures.js';
import { PRIVATE_KEY, webhookExamples } from './app-harness.js';

const APP = fileURLToPath(new URL('./fixtures/app-process.mjs', import.meta.url));

interface Request {
  mode: string;
  method: string;
  path: string;
  body: { status?: string; conclusion?: string; body?: string; head_sha?: string; output?: { title: string; summary: string } } | null;
}

/** A work directory for the app process: its key, the report its trials return, and the webhook. */
function workDir(): { work: string; requests: () => Request[] } {
  const work = mkdtempSync(join(tmpdir(), 'perfbot-crash-'));
  writeFileSync(join(work, 'key.pem'), PRIVATE_KEY);
  writeFileSync(join(work, 'report.json'), JSON.stringify(makeReport([okBenchmark('ndjson-parse', { throughput: { change: -0.12, verdict: 'regression' } })])));
  writeFileSync(join(work, 'payload.json'), JSON.stringify(webhookExamples('pull_request', 'opened').find((p) => p.installation)));
  const requests = () =>
    readFileSync(join(work, 'requests.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Request);
  return { work, requests };
}

/** Runs the app process in `mode` and kills it with SIGKILL once GitHub has seen a request `killAt` matches. */
function killWhen(work: string, requests: () => Request[], args: string[], killAt: (r: Request) => boolean): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [APP, work, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let out = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    // Never reached when the app behaves: it names what the app did instead of a bare test timeout.
    const giveUp = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app (${args[0]}) never made the request to be killed at; it logged:\n${out}${err}`));
    }, 45_000);
    const watch = setInterval(() => {
      let seen = false;
      try {
        seen = requests().some((r) => r.mode === args[0] && killAt(r));
      } catch {
        seen = false; // no request yet
      }
      if (seen) child.kill('SIGKILL');
    }, 20);
    child.on('exit', (_code, signal) => {
      clearInterval(watch);
      clearTimeout(giveUp);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the app (${args[0]}) ended by itself: ${err}`));
    });
  });
}

function jobs(work: string): unknown[] {
  const db = new Database(join(work, 'perfbot.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT id, state, attempts, error, reported_at IS NOT NULL AS reported FROM jobs ORDER BY id').all();
  } finally {
    db.close();
  }
}

/** Resolves once every lease in the database has run out (the killed app's job is then the oldest to take back). */
async function leasesRunOut(work: string): Promise<void> {
  const db = new Database(join(work, 'perfbot.sqlite'), { readonly: true });
  const { until } = db.prepare("SELECT max(lease_until) AS until FROM jobs WHERE state = 'running'").get() as { until: number | null };
  db.close();
  const wait = (until ?? 0) - Date.now() + 1;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

const line = (r: Request) => `${r.mode} ${r.method} ${r.path.replace(/\?.*/, '')}`;
const commentPosted = (pr: number) => (r: Request) => r.method === 'POST' && r.path.endsWith(`/issues/${pr}/comments`);

describe('an app killed in the middle of a job', () => {
  it('finishes the job exactly once after a restart, and edits the comment it posted instead of posting another', async () => {
    const { work, requests } = workDir();
    // First life: killed with SIGKILL once GitHub has created the comment, before the answer arrives.
    await killWhen(work, requests, ['first'], commentPosted(2));
    expect(jobs(work)).toEqual([{ id: 1, state: 'running', attempts: 1, error: null, reported: 0 }]);

    // Second life: no webhook; the job is taken back when its lease runs out.
    const second = spawnSync(process.execPath, [APP, work, 'restart'], { encoding: 'utf8', timeout: 60_000 });
    expect(second.status, second.stderr).toBe(0);
    expect(jobs(work)).toEqual([{ id: 1, state: 'done', attempts: 2, error: null, reported: 0 }]);

    const all = requests();
    expect(all.filter((r) => r.path.includes('/issues/')).map(line)).toEqual([
      'first GET /repos/Codertocat/Hello-World/issues/2/comments',
      'first POST /repos/Codertocat/Hello-World/issues/2/comments',
      'restart GET /repos/Codertocat/Hello-World/issues/2/comments',
      'restart PATCH /repos/Codertocat/Hello-World/issues/comments/100',
    ]);
    expect(all.filter((r) => r.method === 'POST' && r.path.endsWith('/check-runs'))).toHaveLength(1);
    expect(all.filter((r) => r.body?.status === 'completed').map((r) => r.body!.conclusion)).toEqual(['failure']);
  }, 120_000);

  it('fails a job killed during its last attempt, completes its check run and says why on its pull request, then runs the next job', async () => {
    const { work, requests } = workDir();
    // First life: pull requests 2 and 3 queued; killed during job 1's first attempt.
    await killWhen(work, requests, ['first', '2,3'], commentPosted(2));
    // Second life: job 1 taken back for its second and last attempt; killed again while it edits the comment.
    await leasesRunOut(work);
    await killWhen(work, requests, ['hang'], (r) => r.method === 'PATCH' && r.path.endsWith('/issues/comments/100'));
    expect(jobs(work)).toEqual([
      { id: 1, state: 'running', attempts: 2, error: null, reported: 0 },
      { id: 2, state: 'queued', attempts: 0, error: null, reported: 0 },
    ]);

    // Third life: no webhook; job 1 is out of attempts once its lease runs out.
    await leasesRunOut(work);
    const third = spawnSync(process.execPath, [APP, work, 'restart'], { encoding: 'utf8', timeout: 60_000 });
    expect(third.status, third.stderr).toBe(0);
    const interrupted = 'interrupted 2 times: its worker stopped (killed, crashed or cut off from the database) before finishing';
    expect(jobs(work)).toEqual([
      { id: 1, state: 'failed', attempts: 2, error: interrupted, reported: 1 },
      { id: 2, state: 'done', attempts: 1, error: null, reported: 0 },
    ]);
    expect(third.stdout).toContain('job 1: its failure was reported');

    const restart = requests().filter((r) => r.mode === 'restart');
    expect(restart.map(line)).toEqual([
      // Job 1's failure, shown before job 2 runs: its check run completes neutral, its comment says why.
      'restart PATCH /repos/Codertocat/Hello-World/check-runs/7',
      'restart PATCH /repos/Codertocat/Hello-World/check-runs/7',
      'restart GET /repos/Codertocat/Hello-World/issues/2/comments',
      'restart PATCH /repos/Codertocat/Hello-World/issues/comments/100',
      // Job 2, the next one: measured and reported as usual.
      'restart PATCH /repos/Codertocat/Hello-World/check-runs/8',
      'restart GET /repos/Codertocat/Hello-World/issues/3/comments',
      'restart POST /repos/Codertocat/Hello-World/issues/3/comments',
      'restart PATCH /repos/Codertocat/Hello-World/check-runs/8',
    ]);
    expect(restart[1]!.body).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: 'perfbot could not measure this pull request' } });
    expect(restart[1]!.body!.output!.summary).toContain(interrupted);
    expect(restart[3]!.body!.body).toContain(interrupted);
    expect(restart[7]!.body).toMatchObject({ status: 'completed', conclusion: 'failure' });
    // One check run per head, created when each job was queued.
    expect(requests().filter((r) => r.method === 'POST' && r.path.endsWith('/check-runs')).map((r) => [r.mode, r.body!.head_sha])).toEqual([
      ['first', 'ec26c3e57ca3a959ca5aad62de7213c562f8c821'],
      ['first', '3'.repeat(40)],
    ]);
  }, 120_000);
});
