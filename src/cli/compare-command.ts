import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RevisionError } from '../adapters/git/worktree-workspace.js';
import type { CompareReport } from '../domain/compare-report.js';
import { toCompareJson } from '../report/compare-json.js';
import { renderPrComment } from '../report/pr-comment.js';
import { runCompare, type CompareRun } from '../services/compare/compare.js';
import { required, UsageError, type ParsedCommand } from './args.js';
import { openSession } from './session.js';

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
  const session = await openSession(values);
  const { store, repository, progress } = session;
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
    const deps = session.measurement(`head ${headRef}`, typeof values.bench === 'string' ? values.bench : null);
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
    session.close();
  }
}
