import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrationFiles } from '../../src/adapters/store/migrations.js';

const BIN = fileURLToPath(new URL('../../bin/perfbot.js', import.meta.url));

function perfbot(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmpdir(), encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A database a future perfbot wrote: its schema version is past every migration this one has. */
function newerDatabase(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'perfbot-newer-db-')), 'perfbot.sqlite');
  const db = new Database(file);
  db.pragma('user_version = 999');
  db.close();
  return file;
}

describe('perfbot on a database newer than itself', () => {
  const latest = migrationFiles().at(-1)!.version;
  const line = (file: string) => `perfbot: ${file}: database schema version 999 is newer than this perfbot knows (${latest}); upgrade perfbot, or set --db or PERFBOT_DB to another database\n`;

  it('is bad input: exit 2 and one line naming the file and the fix (--db)', () => {
    const file = newerDatabase();
    const r = perfbot(['report', '--repo', mkdtempSync(join(tmpdir(), 'perfbot-repo-')), '--db', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(line(file));
    expect(r.stdout).toBe('');
  });

  it('the same from PERFBOT_DB, and the file is left as it was', () => {
    const file = newerDatabase();
    const r = perfbot(['report', '--repo', mkdtempSync(join(tmpdir(), 'perfbot-repo-'))], { PERFBOT_DB: file });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(line(file));
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(999);
    expect(db.prepare('SELECT count(*) AS n FROM sqlite_master').get()).toEqual({ n: 0 });
    db.close();
  });
});
