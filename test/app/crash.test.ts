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
  body: { status?: string; conclusion?: string; body?: string } | null;
}

describe('an app killed in the middle of a job', () => {
  it('finishes the job exactly once after a restart, and edits the comment it posted instead of posting another', async () => {
    const work = mkdtempSync(join(tmpdir(), 'perfbot-crash-'));
    writeFileSync(join(work, 'key.pem'), PRIVATE_KEY);
    writeFileSync(join(work, 'report.json'), JSON.stringify(makeReport([okBenchmark('ndjson-parse', { throughput: { change: -0.12, verdict: 'regression' } })])));
    writeFileSync(join(work, 'payload.json'), JSON.stringify(webhookExamples('pull_request', 'opened').find((p) => p.installation)));
    const requests = () =>
      readFileSync(join(work, 'requests.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Request);

    // First life: killed with SIGKILL once GitHub has created the comment, before the answer arrives.
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [APP, work, 'first'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const watch = setInterval(() => {
        let posted = false;
        try {
          posted = requests().some((r) => r.method === 'POST' && r.path.endsWith('/issues/2/comments'));
        } catch {
          posted = false;
        }
        if (posted) child.kill('SIGKILL');
      }, 20);
      child.on('exit', (_code, signal) => {
        clearInterval(watch);
        if (signal === 'SIGKILL') resolve();
        else reject(new Error(`the first app ended by itself: ${err}`));
      });
    });
    const db = new Database(join(work, 'perfbot.sqlite'), { readonly: true });
    expect(db.prepare('SELECT state, attempts FROM jobs').all()).toEqual([{ state: 'running', attempts: 1 }]);
    db.close();

    // Second life: no webhook; the job is taken back when its lease runs out.
    const second = spawnSync(process.execPath, [APP, work, 'restart'], { encoding: 'utf8', timeout: 60_000 });
    expect(second.status, second.stderr).toBe(0);
    const after = new Database(join(work, 'perfbot.sqlite'), { readonly: true });
    expect(after.prepare('SELECT state, attempts FROM jobs').all()).toEqual([{ state: 'done', attempts: 2 }]);
    after.close();

    const all = requests();
    const comments = all.filter((r) => r.path.includes('/issues/'));
    expect(comments.map((r) => `${r.mode} ${r.method} ${r.path.replace(/\?.*/, '')}`)).toEqual([
      'first GET /repos/Codertocat/Hello-World/issues/2/comments',
      'first POST /repos/Codertocat/Hello-World/issues/2/comments',
      'restart GET /repos/Codertocat/Hello-World/issues/2/comments',
      'restart PATCH /repos/Codertocat/Hello-World/issues/comments/100',
    ]);
    expect(all.filter((r) => r.method === 'POST' && r.path.endsWith('/check-runs'))).toHaveLength(1);
    expect(all.filter((r) => r.body?.status === 'completed').map((r) => r.body!.conclusion)).toEqual(['failure']);
  }, 120_000);
});
