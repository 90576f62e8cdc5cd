import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RevisionError, WorktreeWorkspace, redact } from '../adapters/git/worktree-workspace.js';
import { SqliteResultStore } from '../adapters/store/sqlite-result-store.js';
import type { CompareReport } from '../domain/compare-report.js';
import { toCompareJson } from '../report/compare-json.js';
import { renderPrComment } from '../report/pr-comment.js';
import { runCompare, type CompareRun } from '../services/compare/compare.js';
import { required, UsageError, type ParsedCommand } from './args.js';
import { cacheDir, databasePath } from './paths.js';
import { terminalProgress } from './progress.js';
import { isProcessAlive } from '../adapters/runner/process-alive.js';
import { measurementDeps } from '../wiring/measurement.js';

/** The exit code of a finished compare (design §2.3). */
export function compareExitCode(report: CompareReport, failOnRegression: boolean): number {
  if (failOnRegression && report.summary.regressions > 0) return 1;
  if (report.summary.failed > 0) return 3;
  return 0;
}

/** `perfbot compare`: base (merge-base) vs head, markdown or `--json` on stdout. @returns the exit code */
export async function compareCommand(values: ParsedCommand['values'], out: NodeJS.WritableStream): Promise<number> {
  const baseRef = required(values, 'base', 'compare');
  const headRef = required(values, 'head', 'compare');
  const repo = typeof values.repo === 'string' ? values.repo : '.';
  const repository = /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) ? redact(repo) : resolve(repo);
  const cache = cacheDir();
  const workspace = await WorktreeWorkspace.open(repo, cache).catch((error: unknown) => {
    throw error instanceof RevisionError ? new UsageError(error.message) : error;
  });
  const store = new SqliteResultStore(databasePath(values.db));
  store.markInterrupted(isProcessAlive);
  const progress = terminalProgress();
  const controller = new AbortController();
  const run: CompareRun = { runId: null };
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    progress.sink('interrupted: finishing the current trial, then stopping (again to quit at once)');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const deps = measurementDeps({
      workspace,
      store,
      cache,
      progress: progress.sink,
      source: {
        configFile: typeof values.config === 'string' ? values.config : null,
        suiteDir: typeof values.suite === 'string' ? values.suite : null,
        filter: typeof values.bench === 'string' ? values.bench : null,
        repository,
        revision: `head ${headRef}`,
      },
    });
    const report = await runCompare(
      { ...deps, signal: controller.signal },
      { repository, baseRef, headRef, fresh: values.fresh === true },
      run,
    ).catch((error: unknown) => {
      if (error instanceof RevisionError) throw new UsageError(error.message);
      throw error;
    });
    progress.done();
    const text = values.json ? JSON.stringify(toCompareJson(report), null, 2) + '\n' : renderPrComment(report);
    out.write(text);
    if (typeof values.out === 'string') writeFileSync(resolve(values.out), text);
    return compareExitCode(report, values['fail-on-regression'] === true);
  } catch (error) {
    progress.done();
    if (run.runId !== null) store.finishRun(run.runId, controller.signal.aborted ? 'interrupted' : 'failed', (error as Error).message);
    if (controller.signal.aborted) {
      process.stderr.write('perfbot: compare interrupted; its finished trials are stored and will be reused\n');
      return 130;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    store.close();
  }
}
