import { resolve } from 'node:path';
import { RevisionError, WorktreeWorkspace, redact } from '../adapters/git/worktree-workspace.js';
import { isProcessAlive } from '../adapters/runner/process-alive.js';
import { SqliteResultStore } from '../adapters/store/sqlite-result-store.js';
import type { MeasurementDeps } from '../services/ports.js';
import { measurementDeps } from '../wiring/measurement.js';
import { UsageError, type ParsedCommand } from './args.js';
import { cacheDir, databasePath } from './paths.js';
import { terminalProgress } from './progress.js';

/** What compare, bisect and record open before they measure anything. */
export interface CliSession {
  /** The store's key for the repository: its absolute path, or its URL without credentials. */
  repository: string;
  workspace: WorktreeWorkspace;
  store: SqliteResultStore;
  progress: ReturnType<typeof terminalProgress>;
  /** The measurement wiring, with the suite and config read at `revision` (as errors name it). */
  measurement(revision: string, filter?: string | null): MeasurementDeps;
  close(): void;
}

/** The store's key for a repository given as a path or a URL. */
export function repositoryKey(repo: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) ? redact(repo) : resolve(repo);
}

/**
 * Opens `--repo` (a revision or repository that cannot be read is bad usage, exit 2), the
 * database (`--db`; runs of a killed perfbot are marked interrupted) and the progress line.
 */
export async function openSession(values: ParsedCommand['values']): Promise<CliSession> {
  const repo = typeof values.repo === 'string' ? values.repo : '.';
  const repository = repositoryKey(repo);
  const cache = cacheDir();
  const workspace = await WorktreeWorkspace.open(repo, cache).catch(asUsage);
  const store = new SqliteResultStore(databasePath(values.db));
  store.markInterrupted(isProcessAlive);
  const progress = terminalProgress();
  return {
    repository,
    workspace,
    store,
    progress,
    measurement: (revision, filter = null) =>
      measurementDeps({
        workspace,
        store,
        cache,
        progress: progress.sink,
        source: {
          configFile: typeof values.config === 'string' ? values.config : null,
          suiteDir: typeof values.suite === 'string' ? values.suite : null,
          filter,
          repository,
          revision,
        },
      }),
    close() {
      progress.done();
      store.close();
    },
  };
}

/** A revision or repository that cannot be read, as bad usage. */
export function asUsage(error: unknown): never {
  throw error instanceof RevisionError ? new UsageError(error.message) : error;
}
