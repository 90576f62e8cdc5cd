import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrationFiles } from '../../src/adapters/store/migrations.js';

const BIN = fileURLToPath(new URL('../../bin/perfbot.js', import.meta.url));

function perfbot(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmpdir(), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A SQLite file that claims the newest schema version but holds no tables: perfbot's own
 * invariant (user_version says which migrations ran) is broken, which no user input explains.
 */
function inconsistentDatabase(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'perfbot-cli-db-')), 'perfbot.sqlite');
  const db = new Database(file);
  db.pragma(`user_version = ${migrationFiles().at(-1)!.version}`);
  db.close();
  return file;
}

describe('perfbot on an error it did not expect', () => {
  it('exits 4 with exactly one line, never a stack', () => {
    const repo = mkdtempSync(join(tmpdir(), 'perfbot-cli-repo-'));
    const r = perfbot(['report', '--repo', repo, '--db', inconsistentDatabase()]);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('perfbot: internal error: no such table: repositories; rerun with --debug for the stack\n');
    expect(r.stdout).toBe('');
  });

  it('prints the stack after the line with --debug', () => {
    const repo = mkdtempSync(join(tmpdir(), 'perfbot-cli-repo-'));
    const r = perfbot(['report', '--debug', '--repo', repo, '--db', inconsistentDatabase()]);
    expect(r.code).toBe(4);
    const [first, second, ...rest] = r.stderr.trimEnd().split('\n');
    expect(first).toBe('perfbot: internal error: no such table: repositories; rerun with --debug for the stack');
    expect(second).toBe('SqliteError: no such table: repositories');
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((l) => /^\s+at /.test(l))).toBe(true);
    expect(r.stderr).toMatch(/sqlite-result-store\.js/);
  });
});

describe('perfbot with a --db that is not a database', () => {
  it('is bad input: exit 2 and one line naming the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'perfbot-cli-db-')), 'notes.txt');
    writeFileSync(file, 'shopping list\n'.repeat(100));
    const r = perfbot(['report', '--db', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`perfbot: cannot use the database ${file}: file is not a database (set --db or PERFBOT_DB to a perfbot database)\n`);
  });
});
