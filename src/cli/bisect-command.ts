import { resolve } from 'node:path';
import { RevisionError, WorktreeWorkspace, redact } from '../adapters/git/worktree-workspace.js';
import { isProcessAlive } from '../adapters/runner/process-alive.js';
import { SqliteResultStore } from '../adapters/store/sqlite-result-store.js';
import { renderBisectNote, toBisectJson } from '../report/bisect-note.js';
import { BisectInputError, runBisect } from '../services/bisect/bisect.js';
import { required, UsageError, type ParsedCommand } from './args.js';
import { cacheDir, databasePath } from './paths.js';
import { terminalProgress } from './progress.js';
import { measurementDeps } from '../wiring/measurement.js';

/** `perfbot bisect`: the commit between good and bad that moved a benchmark's metric. @returns the exit code */
export async function bisectCommand(values: ParsedCommand['values'], out: NodeJS.WritableStream): Promise<number> {
  const goodRef = required(values, 'good', 'bisect');
  const badRef = required(values, 'bad', 'bisect');
  const benchmark = required(values, 'bench', 'bisect');
  const metric = typeof values.metric === 'string' ? values.metric : 'throughput';
  const repo = typeof values.repo === 'string' ? values.repo : '.';
  const repository = /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) ? redact(repo) : resolve(repo);
  const cache = cacheDir();
  const asUsage = (error: unknown): never => {
    throw error instanceof RevisionError || error instanceof BisectInputError ? new UsageError(error.message) : error;
  };
  const workspace = await WorktreeWorkspace.open(repo, cache).catch(asUsage);
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
        revision: `bad ${badRef}`,
      },
    });
    const report = await runBisect(
      deps,
      { repository, goodRef, badRef, benchmark, metric },
    ).catch(asUsage);
    progress.done();
    out.write(values.json ? JSON.stringify(toBisectJson(report), null, 2) + '\n' : renderBisectNote(report));
    return 0;
  } finally {
    progress.done();
    store.close();
  }
}
