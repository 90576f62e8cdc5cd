import { oneLineReason } from '../../domain/jobs.js';

/**
 * Why a job failed, as one line its user can act on: a database lock that outlasted the
 * busy timeout says so (SQLite's own text is only "database is locked"); anything else is
 * the error's first line.
 */
export function failureReason(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return oneLineReason(`perfbot's database was locked by another process for longer than its busy timeout (${message})`);
  }
  return oneLineReason(message);
}
