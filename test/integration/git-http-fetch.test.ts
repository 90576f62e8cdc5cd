/**
 * The mirror fetched over smart HTTP from a real `git http-backend` that wants the installation
 * token, as GitHub does: the token opens it, a wrong one fails in one line, and the token is in
 * no file of the cache.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RevisionError, WorktreeWorkspace } from '../../src/adapters/git/worktree-workspace.js';
import { TestRepo } from '../helpers/git-repo.js';
import { GitHttpServer } from '../helpers/git-http-server.js';

const TOKEN = 'ghs_loopbackToken0123456789abcdef';
const cache = () => join(process.env.PERFBOT_CACHE!, `http-${String(Math.random()).slice(2)}`);

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

let servers: GitHttpServer[] = [];
afterEach(async () => {
  for (const s of servers) await s.close();
  servers = [];
});

async function hosted(): Promise<{ server: GitHttpServer; repo: TestRepo; url: string; first: string }> {
  const server = await GitHttpServer.start({ token: TOKEN });
  servers.push(server);
  const repo = new TestRepo();
  const first = repo.commit('first', { 'a.txt': 'one\n' });
  server.publish('acme/stream-kit', repo.dir);
  return { server, repo, url: `${server.base}/acme/stream-kit.git`, first };
}

describe('WorktreeWorkspace over smart HTTP', () => {
  it('clones and fetches with the token as a header scoped to the host, and writes the token nowhere', async () => {
    const { server, repo, url, first } = await hosted();
    const dir = cache();
    const ws = await WorktreeWorkspace.open(url, dir, { token: TOKEN });
    expect(await ws.resolve(first)).toBe(first);
    const checkout = await ws.checkout(first);
    expect(readFileSync(join(checkout.dir, 'a.txt'), 'utf8')).toBe('one\n');
    await checkout.release();

    const second = repo.commit('second', { 'a.txt': 'two\n' });
    server.publish('acme/stream-kit', repo.dir);
    const again = await WorktreeWorkspace.open(url, dir, { token: TOKEN });
    expect(await again.resolve(second)).toBe(second);

    const git = server.gitRequests();
    expect(git.length).toBeGreaterThan(0);
    // Every request after git learnt it needs credentials carried the token (git first asks without).
    expect(git.filter((r) => r.status !== 401).every((r) => r.authorized)).toBe(true);
    expect(git.some((r) => r.authorized && r.path.includes('git-upload-pack'))).toBe(true);
    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
    for (const file of filesUnder(dir)) {
      const text = readFileSync(file, 'latin1');
      expect(text, file).not.toContain(TOKEN);
      expect(text, file).not.toContain(basic);
    }
  });

  it('fails in one line naming the repository when the token is wrong or missing', async () => {
    const { url } = await hosted();
    const wrong = WorktreeWorkspace.open(url, cache(), { token: 'ghs_wrong' });
    await expect(wrong).rejects.toThrow(RevisionError);
    await expect(wrong).rejects.toThrow(`authentication failed for ${url}: the installation token was refused`);
    await expect(WorktreeWorkspace.open(url, cache())).rejects.toThrow(`authentication failed for ${url}: no token was given`);
    const error = await WorktreeWorkspace.open(url, cache(), { token: 'ghs_wrong' }).catch((e: Error) => e);
    expect((error as Error).message.split('\n')).toHaveLength(1);
    expect((error as Error).message).not.toContain('ghs_wrong');
  });

  it('refuses to send a token to a remote that is not http(s)', async () => {
    const repo = new TestRepo();
    repo.commit('first', { 'a.txt': 'one\n' });
    await expect(WorktreeWorkspace.open(`file://${repo.dir}`, cache(), { token: TOKEN })).rejects.toThrow(/a token can only be sent to an http\(s\) remote/);
  });
});
