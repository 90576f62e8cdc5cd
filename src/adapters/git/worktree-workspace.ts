import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import type { Checkout, CommitInfo, Workspace } from '../../services/ports.js';
import { KeyedMutex } from './keyed-mutex.js';
import { isProcessAlive } from '../runner/process-alive.js';

/** A revision that does not exist, or a repository that cannot be read. */
export class RevisionError extends Error {
  override name = 'RevisionError';
}

const gitLock = new KeyedMutex();
const LOCK_FILE = '.perfbot-owner';

/**
 * Revisions of one repository, checked out as detached worktrees of a cached bare mirror
 * (asv's approach): the user's repository is never touched, git operations on the mirror
 * are serialized, and worktrees left behind by a crashed run are pruned on open.
 */
export class WorktreeWorkspace implements Workspace {
  private constructor(
    /** The repository as given: a local path or a clone URL. */
    readonly source: string,
    private readonly local: boolean,
    private readonly mirror: string,
    private readonly worktrees: string,
    private readonly env: Record<string, string>,
    /** Configuration (as `GIT_CONFIG_*` variables) that only fetches get: the token's header. */
    private readonly fetchConfig: readonly [string, string][],
    private readonly timeoutMs: number,
  ) {}

  /**
   * Creates or updates the mirror of `source` under `cacheDir` and prunes stale worktrees.
   * `token`: an installation token for http(s) remotes, sent as an `x-access-token` basic-auth
   * header scoped to the remote's host (`http.<scheme>://<host>/.extraheader`), passed to the
   * fetch alone through `GIT_CONFIG_*` variables: never in the URL, on argv, in a config file or
   * in a log line. `timeoutMs`: a git command with no output for this long is killed (default 120 s).
   * @throws RevisionError when the source is not a git repository, cannot be fetched, or refuses the token
   */
  static async open(source: string, cacheDir: string, options: { token?: string | null; timeoutMs?: number } = {}): Promise<WorktreeWorkspace> {
    const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(source) && !/^[^/]+@[^/]+:/.test(source);
    const origin = local ? resolve(source) : source;
    const slug = basename(origin).replace(/\.git$/, '').replace(/[^A-Za-z0-9._-]/g, '_') || 'repo';
    const id = `${slug}-${createHash('sha256').update(origin).digest('hex').slice(0, 10)}`;
    const root = resolve(cacheDir);
    // A minimal environment: git never prompts and never looks for a repository above the cache.
    const env: Record<string, string> = { GIT_CEILING_DIRECTORIES: root, GIT_TERMINAL_PROMPT: '0' };
    for (const name of ['PATH', 'HOME', 'LANG', 'SSH_AUTH_SOCK', 'XDG_CONFIG_HOME']) {
      const value = process.env[name];
      if (value !== undefined) env[name] = value;
    }
    const token = options.token ?? null;
    const fetchConfig: [string, string][] = [];
    if (token !== null && token !== '') {
      const scope = httpScope(origin);
      if (scope === null) throw new RevisionError(`a token can only be sent to an http(s) remote, not to ${redact(origin)}`);
      fetchConfig.push([`http.${scope}.extraheader`, `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`]);
    }
    // A redirect must not carry the fetch elsewhere (the header is scoped to the host, and so is trust).
    if (!local) fetchConfig.push(['http.followRedirects', 'false']);
    const ws = new WorktreeWorkspace(origin, local, join(root, 'mirrors', `${id}.git`), join(root, 'worktrees', id), env, fetchConfig, options.timeoutMs ?? 120_000);
    if (local && !existsSync(origin)) throw new RevisionError(`repository not found: ${origin}`);
    await ws.locked(async () => {
      await mkdir(join(root, 'mirrors'), { recursive: true });
      await mkdir(ws.worktrees, { recursive: true });
      try {
        if (!existsSync(ws.mirror)) await ws.git(root).raw(['init', '--quiet', '--bare', ws.mirror]);
        // From the explicit URL, never from a remote named in the mirror's config.
        await ws.git(ws.mirror, { fetch: true }).raw(['fetch', '--prune', '--quiet', '--no-write-fetch-head', origin, '+refs/*:refs/*', ...(local ? ['+HEAD:refs/perfbot/source-head'] : [])]);
      } catch (error) {
        throw new RevisionError(fetchFailure(origin, error, token), { cause: error });
      }
      await ws.pruneStale();
    });
    return ws;
  }

  private git(dir: string, o: { fetch?: boolean } = {}): SimpleGit {
    const config = o.fetch ? this.fetchConfig : [];
    const env: Record<string, string> = { ...this.env };
    if (config.length > 0) {
      env.GIT_CONFIG_COUNT = String(config.length);
      config.forEach(([key, value], i) => {
        env[`GIT_CONFIG_KEY_${i}`] = key;
        env[`GIT_CONFIG_VALUE_${i}`] = value;
      });
    }
    return simpleGit({
      baseDir: dir,
      allowEnvironment: Object.keys(env).filter((name) => name.startsWith('GIT_')),
      timeout: { block: this.timeoutMs },
      // Config through GIT_CONFIG_* carries the token's header (never argv, never a file);
      // hooksPath is only ever used to turn hooks off when checking out untrusted code.
      unsafe: { allowUnsafeHooksPath: true, allowUnsafeConfigEnvCount: config.length > 0 },
    }).env(env);
  }

  private locked<T>(task: () => Promise<T>): Promise<T> {
    return gitLock.run(this.mirror, task);
  }

  /** Removes worktrees whose owning process is gone (a crash or a kill), then `git worktree prune`. */
  private async pruneStale(): Promise<void> {
    for (const entry of await readdir(this.worktrees)) {
      const dir = join(this.worktrees, entry);
      const owner = Number((await readFile(join(dir, LOCK_FILE), 'utf8').catch(() => '0')).trim());
      if (owner > 0 && owner !== process.pid && isProcessAlive(owner)) continue;
      await rm(dir, { recursive: true, force: true });
    }
    await this.git(this.mirror).raw(['worktree', 'prune']);
  }

  /**
   * Resolves a ref (branch, tag, `HEAD~2`, short sha) to a full commit sha. For a local
   * repository refs mean what they mean in that repository (its `HEAD`, its branches).
   * @throws RevisionError naming the ref when it does not name a commit
   */
  async resolve(ref: string): Promise<string> {
    if (ref.trim() === '' || ref.startsWith('-')) throw new RevisionError(`unknown revision '${ref}'`);
    const where = this.local ? this.source : this.mirror;
    let sha: string;
    try {
      sha = (await this.git(where).raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
    } catch {
      sha = '';
    }
    if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new RevisionError(`unknown revision '${ref}' in ${redact(this.source)}`);
    // simple-git resolves some failing commands with empty output, so look at the output.
    const known = await this.locked(() =>
      this.git(this.mirror)
        .raw(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`])
        .then((out) => out.trim() === sha, () => false),
    );
    if (!known) throw new RevisionError(`revision '${ref}' (${sha.slice(0, 10)}) is not on any branch or tag of ${redact(this.source)}`);
    return sha;
  }

  /** @returns the merge-base of two revisions, or `null` when they share no history. */
  mergeBase(a: string, b: string): Promise<string | null> {
    return this.locked(async () => {
      try {
        const sha = (await this.git(this.mirror).raw(['merge-base', a, b])).trim();
        return sha || null;
      } catch {
        return null;
      }
    });
  }

  /** @returns whether `ancestor` is an ancestor of (or equal to) `descendant`. */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return (await this.mergeBase(ancestor, descendant)) === ancestor;
  }

  /** Commit metadata of a revision. */
  commitInfo(sha: string): Promise<CommitInfo> {
    return this.locked(async () => {
      const out = await this.git(this.mirror).raw(['show', '-s', '--format=%H%x00%P%x00%aI%x00%an%x00%s', sha]);
      const [full, parents, authorDate, author, subject] = out.trim().split('\0');
      return { sha: full!, parents: parents ? parents.split(' ') : [], authorDate: authorDate!, author: author!, subject: subject ?? '' };
    });
  }

  /**
   * Commits from `from` (exclusive) to `to` (inclusive), oldest first.
   * @param firstParent follow only first parents (the default branch's own history)
   */
  revList(from: string, to: string, firstParent = true): Promise<string[]> {
    return this.locked(async () => {
      const out = await this.git(this.mirror).raw(['rev-list', '--reverse', ...(firstParent ? ['--first-parent'] : []), `${from}..${to}`]);
      return out.split('\n').filter(Boolean);
    });
  }

  /** The last `count` commits of the first-parent line ending at `sha`, oldest first. */
  history(sha: string, count: number): Promise<string[]> {
    return this.locked(async () => {
      const out = await this.git(this.mirror).raw(['rev-list', '--first-parent', `--max-count=${count}`, sha]);
      return out.split('\n').filter(Boolean).reverse();
    });
  }

  /** Checks a revision out as a detached worktree owned by this process. */
  checkout(sha: string): Promise<Checkout> {
    return this.locked(async () => {
      const dir = join(this.worktrees, `${sha.slice(0, 12)}-${process.pid}-${randomBytes(3).toString('hex')}`);
      try {
        await this.git(this.mirror).raw(['-c', 'core.hooksPath=/dev/null', 'worktree', 'add', '--detach', '--quiet', dir, sha]);
      } catch (error) {
        throw new RevisionError(`cannot check out ${sha.slice(0, 10)}: ${firstLine(error)}`, { cause: error });
      }
      await writeFile(join(dir, LOCK_FILE), String(process.pid));
      let released = false;
      return {
        sha,
        dir,
        release: () =>
          this.locked(async () => {
            if (released) return;
            released = true;
            await rm(dir, { recursive: true, force: true });
            await this.git(this.mirror).raw(['worktree', 'prune']);
          }),
      };
    });
  }
}

/** `scheme://host[:port]/` of an http(s) URL (what `http.<url>.*` config matches), or `null`. */
function httpScope(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.protocol}//${u.host}/` : null;
  } catch {
    return null;
  }
}

/** One line on a failed fetch, naming the repository; a refused token says so. */
function fetchFailure(origin: string, error: unknown, token: string | null): string {
  const text = scrub(String((error as Error)?.message ?? error), token);
  if (/Authentication failed|could not read Username|The requested URL returned error: 40[13]|HTTP Basic: Access denied/i.test(text)) {
    return `authentication failed for ${redact(origin)}${token ? ': the installation token was refused' : ': no token was given'}`;
  }
  return `cannot read repository ${redact(origin)}: ${firstLine(text)}`;
}

/** Removes a token (and its basic-auth form) from text that may be shown. */
function scrub(text: string, token: string | null): string {
  if (!token) return text;
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  return text.split(token).join('***').split(basic).join('***');
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).trim().split('\n')[0]!.slice(0, 300);
}

/** Hides credentials in URLs (`https://x-access-token:...@github.com/...`). */
export function redact(text: string): string {
  return text.replace(/\/\/[^/@\s]+@/g, '//***@');
}
