import { SqliteSeriesStore } from '../adapters/store/sqlite-series-store.js';
import { runRecord } from '../services/record.js';
import { positiveInt, type ParsedCommand } from './args.js';
import { asUsage, openSession } from './session.js';

/**
 * `perfbot record`: measures the last N first-parent commits of a branch for the trend report,
 * skipping revisions already recorded on this machine. @returns the exit code
 */
export async function recordCommand(values: ParsedCommand['values'], out: NodeJS.WritableStream): Promise<number> {
  const branch = typeof values.branch === 'string' ? values.branch : 'HEAD';
  const last = positiveInt(values, 'last') ?? 30;
  const trials = positiveInt(values, 'trials');
  const session = await openSession(values);
  const { workspace, store, repository, progress } = session;
  try {
    const head = await workspace.resolve(branch).catch(asUsage);
    const revisions = await workspace.history(head, last);
    const deps = session.measurement(`${branch} ${head.slice(0, 10)}`);
    const result = await runRecord({ ...deps, series: new SqliteSeriesStore(store.db) }, { repository, revisions, trials });
    progress.done();
    if (values.json) out.write(JSON.stringify(result, null, 2) + '\n');
    else {
      out.write(`recorded ${result.measured.length} of ${revisions.length} revisions of ${branch} (${result.skipped.length} already recorded)\n`);
      for (const f of result.failed) out.write(`  ${f.sha.slice(0, 10)} ${f.benchmark ?? '(install/build)'}: ${f.reason}\n`);
    }
    return result.failed.length > 0 ? 3 : 0;
  } finally {
    session.close();
  }
}
