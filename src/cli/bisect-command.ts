import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RevisionError, WorktreeWorkspace, redact } from '../adapters/git/worktree-workspace.js';
import { RevisionPreparer } from '../adapters/install/revision-preparer.js';
import { machineFingerprint } from '../adapters/runner/fingerprint.js';
import { choosePinning } from '../adapters/runner/pinning.js';
import { isProcessAlive } from '../adapters/runner/process-alive.js';
import { ProcessTrialRunner } from '../adapters/runner/process-trial-runner.js';
import { SqliteResultStore } from '../adapters/store/sqlite-result-store.js';
import { renderBisectNote, toBisectJson } from '../report/bisect-note.js';
import { BisectInputError, runBisect } from '../services/bisect/bisect.js';
import { required, UsageError, type ParsedCommand } from './args.js';
import { cacheDir, databasePath } from './paths.js';
import { terminalProgress } from './progress.js';
import { loadConfigFor, loadSuite } from './suite-loading.js';

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
  const home = mkdtempSync(join(tmpdir(), 'perfbot-home-'));
  const pinning = choosePinning();
  const progress = terminalProgress();
  try {
    const report = await runBisect(
      {
        workspace,
        store,
        runnerFor: (config) => new ProcessTrialRunner({ wallClockMs: config.timeoutMs, heapMb: config.memoryMb, envAllowlist: config.env, home, pinning }),
        preparer: new RevisionPreparer(cache, home),
        loadConfig: (dir) => loadConfigFor(typeof values.config === 'string' ? values.config : null, dir, `bad ${badRef}`),
        loadSuite: (dir, config) =>
          loadSuite({ suiteDir: typeof values.suite === 'string' ? values.suite : null, checkoutDir: dir, config, filter: null, label: `${repository} at ${badRef}` }),
        fingerprint: machineFingerprint(pinning.label),
        progress: progress.sink,
      },
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
