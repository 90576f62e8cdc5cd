import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A real git repository in a temp dir, with deterministic authors and dates. */
export class TestRepo {
  readonly dir: string;
  private clock = Date.UTC(2026, 0, 5, 9, 0, 0) / 1000;

  constructor(prefix = 'perfbot-repo-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    this.git('init', '--quiet', '--initial-branch=main');
  }

  /** Runs git with no global or system config and a fixed identity. */
  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: this.dir,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 'Ada Lovelace',
        GIT_AUTHOR_EMAIL: 'ada@example.com',
        GIT_COMMITTER_NAME: 'Ada Lovelace',
        GIT_COMMITTER_EMAIL: 'ada@example.com',
        GIT_AUTHOR_DATE: `${this.clock} +0000`,
        GIT_COMMITTER_DATE: `${this.clock} +0000`,
      },
    }).trim();
  }

  write(files: Record<string, string | null>): void {
    for (const [path, text] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (text === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, text);
      }
    }
  }

  /** Writes files and commits them. @returns the new commit's sha */
  commit(subject: string, files: Record<string, string | null> = {}): string {
    this.write(files);
    this.clock += 3600;
    this.git('add', '--all');
    this.git('commit', '--quiet', '--allow-empty', '-m', subject);
    return this.head();
  }

  head(): string {
    return this.git('rev-parse', 'HEAD');
  }
}
