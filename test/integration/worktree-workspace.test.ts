import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RevisionError, WorktreeWorkspace } from '../../src/adapters/git/worktree-workspace.js';
import { TestRepo } from '../helpers/git-repo.js';

const cache = () => join(process.env.PERFBOT_CACHE!, String(Math.random()).slice(2));

describe('WorktreeWorkspace', () => {
  it('resolves refs as the repository means them and checks revisions out side by side', async () => {
    const repo = new TestRepo();
    const first = repo.commit('first', { 'a.txt': 'one\n' });
    const second = repo.commit('second', { 'a.txt': 'two\n' });
    const ws = await WorktreeWorkspace.open(repo.dir, cache());
    expect(await ws.resolve('HEAD')).toBe(second);
    expect(await ws.resolve('HEAD~1')).toBe(first);
    expect(await ws.resolve(first.slice(0, 8))).toBe(first);
    const [a, b] = await Promise.all([ws.checkout(first), ws.checkout(second)]);
    expect(readFileSync(join(a.dir, 'a.txt'), 'utf8')).toBe('one\n');
    expect(readFileSync(join(b.dir, 'a.txt'), 'utf8')).toBe('two\n');
    await a.release();
    await b.release();
    expect(existsSync(a.dir)).toBe(false);
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1); // the user's repository is untouched
  });

  it('names an unknown revision', async () => {
    const repo = new TestRepo();
    repo.commit('first', { 'a.txt': '1' });
    const ws = await WorktreeWorkspace.open(repo.dir, cache());
    await expect(ws.resolve('no-such-branch')).rejects.toThrow(new RevisionError(`unknown revision 'no-such-branch' in ${repo.dir}`));
    await expect(ws.resolve('--output=/tmp/x')).rejects.toThrow(/unknown revision '--output=\/tmp\/x'/);
  });

  it('finds the merge-base of a branch and says when there is none', async () => {
    const repo = new TestRepo();
    const root = repo.commit('root', { 'a.txt': '1' });
    const fork = repo.commit('on main', { 'a.txt': '2' });
    repo.git('checkout', '--quiet', '-b', 'feature');
    const feature = repo.commit('on feature', { 'b.txt': '1' });
    repo.git('checkout', '--quiet', 'main');
    const mainTip = repo.commit('main moves on', { 'a.txt': '3' });
    repo.git('checkout', '--quiet', '--orphan', 'unrelated');
    const orphan = repo.commit('unrelated root', { 'c.txt': '1' });
    const ws = await WorktreeWorkspace.open(repo.dir, cache());
    expect(await ws.mergeBase(mainTip, feature)).toBe(fork);
    expect(await ws.mergeBase(mainTip, orphan)).toBeNull();
    expect(await ws.isAncestor(root, mainTip)).toBe(true);
    expect(await ws.isAncestor(feature, mainTip)).toBe(false);
    const info = await ws.commitInfo(feature);
    expect(info).toMatchObject({ sha: feature, parents: [fork], author: 'Ada Lovelace', subject: 'on feature' });
    expect(await ws.revList(root, mainTip)).toEqual([fork, mainTip]);
  });

  it('sees new commits on the next open (the mirror is updated)', async () => {
    const repo = new TestRepo();
    repo.commit('first', { 'a.txt': '1' });
    const dir = cache();
    await WorktreeWorkspace.open(repo.dir, dir);
    const later = repo.commit('later', { 'a.txt': '2' });
    const ws = await WorktreeWorkspace.open(repo.dir, dir);
    expect(await ws.resolve('main')).toBe(later);
  });

  it('prunes worktrees left by a process that died', async () => {
    const repo = new TestRepo();
    const sha = repo.commit('first', { 'a.txt': '1' });
    const dir = cache();
    const ws = await WorktreeWorkspace.open(repo.dir, dir);
    const checkout = await ws.checkout(sha);
    // Pretend the owner was a process that is gone now.
    writeFileSync(join(checkout.dir, '.perfbot-owner'), '999999999');
    const stray = join(dir, 'worktrees', readdirSync(join(dir, 'worktrees'))[0]!, 'half-made');
    mkdirSync(stray);
    await WorktreeWorkspace.open(repo.dir, dir);
    expect(existsSync(checkout.dir)).toBe(false);
    expect(existsSync(stray)).toBe(false);
  });

  it('reports a path that is not a repository', async () => {
    await expect(WorktreeWorkspace.open('/nonexistent/repo', cache())).rejects.toThrow('repository not found: /nonexistent/repo');
  });
});
