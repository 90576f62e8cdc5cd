import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

/** `db/` of the perfbot package, from src/ (tests) or dist/ alike. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../db/', import.meta.url));

/**
 * The database was written by a newer perfbot (its `user_version` is past every migration
 * this one has): bad input, not a bug; the message names the file and the way out.
 */
export class DatabaseVersionError extends Error {
  override name = 'DatabaseVersionError';

  constructor(
    readonly file: string,
    readonly version: number,
    readonly latest: number,
  ) {
    super(`${file}: database schema version ${version} is newer than this perfbot knows (${latest}); upgrade perfbot, or set --db or PERFBOT_DB to another database`);
  }
}

/** Migration files `NNN-name.sql`, in order; NNN is the schema version it brings. */
export function migrationFiles(dir = MIGRATIONS_DIR): { version: number; file: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-.+\.sql$/.test(f))
    .map((f) => ({ version: Number(f.slice(0, 3)), file: `${dir}${f}` }))
    .sort((a, b) => a.version - b.version);
}

/**
 * Applies every migration newer than `PRAGMA user_version`, each in its own transaction
 * together with the version bump, so a crash leaves the database at a whole version.
 * @returns the schema version after migrating
 * @throws DatabaseVersionError when the database is newer than this perfbot
 */
export function migrate(db: Database.Database, dir = MIGRATIONS_DIR): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const files = migrationFiles(dir);
  const latest = files.at(-1)?.version ?? 0;
  if (current > latest) throw new DatabaseVersionError(db.name, current, latest);
  for (const { version, file } of files) {
    if (version <= current) continue;
    const sql = readFileSync(file, 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return Math.max(current, latest);
}
