import { WorktreeWorkspace } from '../adapters/git/worktree-workspace.js';
import { SqliteResultStore } from '../adapters/store/sqlite-result-store.js';
import { SqliteSeriesStore } from '../adapters/store/sqlite-series-store.js';
import { withDefaults } from '../config/repo-config.js';
import { weekEndingAt, type ReportWindow } from '../domain/trends/build-report.js';
import { renderTrendReport } from '../report/trend-report.js';
import { buildWeeklyReport } from '../services/trends/weekly-report.js';
import { UsageError, type ParsedCommand } from './args.js';
import { cacheDir, databasePath } from './paths.js';
import { repositoryKey } from './session.js';

const DAY_MS = 86_400_000;

/**
 * `perfbot report`: the weekly trend report of a recorded repository, as the app would file
 * it, on stdout (markdown, or `--json` for the model). Without `--since`/`--until` it covers
 * the seven days up to the newest recorded point. @returns the exit code
 */
export async function reportCommand(values: ParsedCommand['values'], out: NodeJS.WritableStream): Promise<number> {
  const repo = typeof values.repo === 'string' ? values.repo : '.';
  const repository = repositoryKey(repo);
  const store = new SqliteResultStore(databasePath(values.db));
  try {
    const series = new SqliteSeriesStore(store.db);
    const repositoryId = store.repositoryId(repository);
    const fingerprintId = series.mainFingerprint(repositoryId);
    if (fingerprintId === null) throw new UsageError(`nothing recorded for ${repository} in ${databasePath(values.db)}; run perfbot record first`);
    const newest = series.newestPoint(repositoryId, fingerprintId)!;
    const window = windowOf(values, newest);
    const workspace = await WorktreeWorkspace.open(repo, cacheDir()).catch(() => null);
    const report = await buildWeeklyReport(
      {
        store,
        series,
        lookups: workspace
          ? {
              commitsBetween: async (from, to) => (await workspace.revList(from, to)).length - 1,
              commitInfo: async (sha) => {
                const info = await workspace.commitInfo(sha);
                return { subject: info.subject, author: info.author };
              },
            }
          : {},
      },
      { repository, window, thresholds: withDefaults().thresholds, generatedAt: new Date().toISOString() },
    );
    if (!report) throw new UsageError(`nothing recorded for ${repository}`);
    if (values.json) out.write(JSON.stringify(report, null, 2) + '\n');
    else {
      const { title, body } = renderTrendReport(report);
      out.write(`# ${title}\n\n${body}\n`);
    }
    return 0;
  } finally {
    store.close();
  }
}

function windowOf(values: ParsedCommand['values'], newest: string): ReportWindow {
  const parse = (name: string) => {
    const raw = values[name];
    if (typeof raw !== 'string') return null;
    const t = Date.parse(raw);
    if (Number.isNaN(t)) throw new UsageError(`--${name} must be a date like 2026-11-16, got '${raw}'`);
    return t;
  };
  const until = parse('until');
  const since = parse('since');
  if (until === null && since === null) return weekEndingAt(newest);
  const to = until ?? Date.parse(newest) + 1000;
  const from = since ?? to - 7 * DAY_MS;
  if (from >= to) throw new UsageError('--since must be before --until');
  return { weekOf: new Date(from).toISOString().slice(0, 10), from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
