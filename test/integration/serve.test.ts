import { spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/perfbot.js', import.meta.url));

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('perfbot serve', () => {
  it('runs the app with Probot\'s server: a signed delivery is queued, a forged one is refused, SIGTERM stops it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfbot-serve-'));
    const db = join(dir, 'perfbot.sqlite');
    const port = await freePort();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: dir, APP_ID: '1', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: 'serve-secret', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', PERFBOT_CACHE: join(dir, 'cache'), PERFBOT_REPORT_SCHEDULE: '0 9 1 1 *' };
    const child = spawn(process.execPath, [BIN, 'serve', '--db', db], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('listening on')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`perfbot serve exited ${code}: ${output}`)));
    });
    const push = JSON.stringify({
      ref: 'refs/heads/main',
      after: 'a'.repeat(40),
      repository: { full_name: 'acme/stream-kit', name: 'stream-kit', owner: { login: 'acme' }, clone_url: 'https://github.com/acme/stream-kit.git', default_branch: 'main' },
      installation: { id: 9 },
    });
    const deliver = (signature: string) =>
      fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': signature.slice(-8), 'x-hub-signature-256': signature },
        body: push,
      });
    expect((await deliver(`sha256=${'0'.repeat(64)}`)).status).toBe(400);
    expect((await deliver(`sha256=${createHmac('sha256', 'serve-secret').update(push).digest('hex')}`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const jobs = new Database(db, { readonly: true }).prepare('SELECT kind, repository, state FROM jobs').all() as { state: string }[];
    // Queued once. The worker may have taken it up before SIGTERM: stopping puts it back in the
    // queue, unless asking GitHub for a token already failed (no network here).
    expect(jobs).toMatchObject([{ kind: 'record', repository: 'acme/stream-kit' }]);
    expect(['queued', 'failed']).toContain(jobs[0]!.state);
  }, 60_000);
});
