import { resolve } from 'node:path';
import { RevisionError, WorktreeWorkspace, redact } from '../adapters/git/worktree-workspace.js';
import { isProcessAlive } from '../adapters/runner/process-alive.js';
import { SqliteResultStore } from '../adapters/store/sqlite-result-store.js';
import { SqliteSeriesStore } from '../adapters/store/sqlite-series-store.js';
import { runRecord } from '../services/record.js';
import { measurementDeps } from '../wiring/measurement.js';
import { positiveInt, UsageError, type ParsedCommand } from './args.js';
import { cacheDir, databasePath } from './paths.js';
import { terminalProgress } from './progress.js';

/** The store's key for a repository given as a path or a URL (as compare and bisect use it). */
export function repositoryKey(repo: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) ? redact(repo) : resolve(repo);
}

/**
 * `perfbot record`: measures the last N first-parent commits of a branch for the trend report,
 * skipping revisions already recorded on this machine. @returns the exit code
 */
export async function recordCommand(values: ParsedCommand['values'], out: NodeJS.WritableStream): Promise<number> {
  const repo = typeof values.repo === 'string' ? values.repo : '.';
  const branch = typeof values.branch === 'string' ? values.branch : 'HEAD';
  const last = positiveInt(values, 'last') ?? 30;
  const trials = positiveInt(values, 'trials');
  const repository = repositoryKey(repo);
  const cache = cacheDir();
  const asUsage = (error: unknown): never => {
    throw error instanceof RevisionError ? new UsageError(error.message) : error;
  };
  const workspace = await WorktreeWorkspace.open(repo, cache).catch(asUsage);
  const head = await workspace.resolve(branch).catch(asUsage);
  const revisions = await workspace.history(head, last);
  const store = new SqliteResultStore(databasePath(values.db));
  store.markInterrupted(isProcessAlive);
  const progress = terminalProgress();
  try {
    const deps = measurementDeps({
      workspace,
      store,
      cache,
      progress: progress.sink,
      source: {
        configFile: typeof values.config === 'string' ? values.config : null,
        suiteDir: typeof values.suite === 'string' ? values.suite : null,
        filter: null,
        repository,
        revision: `${branch} ${head.slice(0, 10)}`,
      },
    });
    const result = await runRecord({ ...deps, series: new SqliteSeriesStore(store.db) }, { repository, revisions, trials });
    progress.done();
    if (values.json) out.write(JSON.stringify(result, null, 2) + '\n');
    else {
      out.write(`recorded ${result.measured.length} of ${revisions.length} revisions of ${branch} (${result.skipped.length} already recorded)\n`);
      for (const f of result.failed) out.write(`  ${f.sha.slice(0, 10)} ${f.benchmark ?? '(install/build)'}: ${f.reason}\n`);
    }
    return result.failed.length > 0 ? 3 : 0;
  } finally {
    progress.done();
    store.close();
  }
}
