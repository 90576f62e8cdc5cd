import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The database file: `--db`, else `$PERFBOT_DB`, else `db/perfbot.sqlite` under the current directory. */
export function databasePath(flag: unknown, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(typeof flag === 'string' ? flag : env.PERFBOT_DB || join('db', 'perfbot.sqlite'));
}

/** Mirrors, worktrees and cached node_modules: `$PERFBOT_CACHE`, else `~/.cache/perfbot`. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.PERFBOT_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'perfbot'));
}
