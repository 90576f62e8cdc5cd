import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { workloadRepo } from '../helpers/workload-repo.js';

const BIN = fileURLToPath(new URL('../../bin/perfbot.js', import.meta.url));

/** Starts a compare and SIGKILLs it once its progress shows the third pair under way. */
function killMidRun(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/pair 3\//.test(stderr) && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve(stderr) : reject(new Error(`compare ended by itself:\n${stderr}`))));
  });
}

describe('a compare killed with SIGKILL', () => {
  it('leaves a consistent database; the run is marked interrupted and the next compare completes, reusing its pairs', async () => {
    const repo = workloadRepo();
    const db = join(mkdtempSync(join(tmpdir(), 'perfbot-db-')), 'perfbot.sqlite');
    const args = ['compare', '--repo', repo.dir, '--base', 'HEAD', '--head', 'HEAD', '--bench', 'work', '--db', db, '--json'];
    await killMidRun(args);

    const raw = new Database(db);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.prepare('SELECT status FROM runs').all()).toEqual([{ status: 'running' }]);
    const stored = (raw.prepare('SELECT count(*) AS n FROM trials').get() as { n: number }).n;
    expect(stored).toBeGreaterThanOrEqual(4);
    raw.close();

    const again = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 240_000 });
    expect(again.status, again.stderr).toBe(0);
    const doc = JSON.parse(again.stdout) as { trials: { reused: number }; benchmarks: { status: string }[] };
    expect(doc.benchmarks[0]!.status).toBe('ok');
    expect(doc.trials.reused).toBeGreaterThanOrEqual(4);

    const after = new Database(db);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(after.prepare('SELECT status FROM runs ORDER BY id').all()).toEqual([{ status: 'interrupted' }, { status: 'done' }]);
    after.close();
  });
});
