import { withDefaults, type RepoConfig } from '../../config/repo-config.js';
import type { ReportWindow } from '../../domain/trends/build-report.js';
import type { TrendReport } from '../../domain/trends/types.js';
import { renderTrendReport } from '../../report/trend-report.js';
import type { BisectJob, RepoTarget } from '../app/job-payloads.js';
import type { JobQueue } from '../job-queue.js';
import type { ResultStore } from '../ports.js';
import type { SeriesStore } from '../series-store.js';
import type { ReportIssues } from './report-issues.js';
import type { ReportState } from './report-state.js';
import { buildWeeklyReport, type TrendLookups } from './weekly-report.js';

/** File the weekly report of one repository. */
export interface ReportJob {
  target: RepoTarget;
  window: ReportWindow;
}

/** The label every report issue carries (created when missing). */
export const REPORT_LABEL = { name: 'performance-report', color: '5319e7', description: 'perfbot weekly performance report' };

export interface ReportJobDeps {
  store: ResultStore;
  series: SeriesStore;
  state: ReportState;
  issues: ReportIssues;
  queue: JobQueue;
  wake(): void;
  /** The repository's config at its default branch (thresholds, bisect budget); defaults when unknown. */
  config?: RepoConfig;
  /** Who acknowledged a benchmark's regression on a pull request (`/perfbot ack`), or `null`. */
  acknowledgedBy?(repository: string, pr: number, benchmark: string): string | null;
  /** Commits between recorded revisions, commit subjects (from a mirror of the repository). */
  lookups?: Pick<TrendLookups, 'commitsBetween' | 'commitInfo'>;
  now(): string;
}

/**
 * Files a repository's weekly report issue once per week: builds the report, queues bisects
 * of changes with unrecorded commits before them (within the weekly budget), files the issue
 * with the label, and closes the previous report issue with a link to the new one. A
 * repository with no recorded history gets no issue (there is nothing to say; the week is
 * still marked done).
 * @returns the issue filed, or why none was
 */
export async function runReportJob(deps: ReportJobDeps, job: ReportJob): Promise<{ issue: number | null; reason: string }> {
  const { target: t, window } = job;
  const repo = { owner: t.owner, repo: t.repo };
  if (deps.state.filed(t.repository, window.weekOf)) return { issue: null, reason: `the report of the week of ${window.weekOf} was filed already` };
  const config = deps.config ?? withDefaults();
  const lookups: TrendLookups = {
    ...deps.lookups,
    pullRequestOf: (sha) => deps.issues.pullRequestOf(repo, sha),
    acknowledgedBy: (pr, benchmark) => deps.acknowledgedBy?.(t.repository, pr, benchmark) ?? null,
    bisectOf: (change) => {
      const known = deps.state.trendBisect(t.repository, { benchmark: change.benchmark, metric: change.metric, good: change.previous.sha, bad: change.at.sha });
      if (!known) return null;
      return { status: known.status === null ? 'pending' : (known.status as TrendReport['changes'][number]['bisect']), culprit: known.culprit };
    },
  };
  const report = await buildWeeklyReport({ store: deps.store, series: deps.series, lookups }, { repository: t.repository, window, thresholds: config.thresholds, generatedAt: deps.now() });
  if (!report) {
    deps.state.saveFiled(t.repository, window.weekOf, null);
    return { issue: null, reason: 'nothing recorded yet' };
  }
  for (const change of report.changes) {
    if (change.unmeasured === 0 || change.bisect !== 'none' || deps.state.bisectsOf(t.repository, window.weekOf) >= config.bisectBudget) continue;
    const payload: BisectJob = { target: t, pr: null, benchmark: change.benchmark, metric: change.metric, good: change.previous.sha, bad: change.at.sha, requestedBy: 'perfbot', weekOf: window.weekOf };
    const { job: queued } = deps.queue.enqueue({ kind: 'bisect', repository: t.repository, subject: `trend:${change.benchmark}:${change.metric}:${change.at.sha}`, payload });
    deps.state.addTrendBisect(t.repository, window.weekOf, { benchmark: change.benchmark, metric: change.metric, good: change.previous.sha, bad: change.at.sha }, queued.id);
    change.bisect = 'pending';
    deps.wake();
  }
  await deps.issues.ensureLabel(repo, REPORT_LABEL);
  const open = await deps.issues.openIssues(repo, REPORT_LABEL.name);
  const { title, body } = renderTrendReport({ ...report, previousIssue: open[0] ? { number: open[0].number, url: open[0].url } : null });
  // A crash after filing but before remembering it: the open issue of this week is the one.
  const issue = open.find((i) => i.title === title) ?? (await deps.issues.createIssue(repo, { title, body, labels: [REPORT_LABEL.name] }));
  for (const old of open) if (old.number !== issue.number) await deps.issues.closeIssue(repo, old.number, `Superseded by #${issue.number}.`);
  deps.state.saveFiled(t.repository, window.weekOf, { number: issue.number, url: issue.url });
  return { issue: issue.number, reason: `filed #${issue.number}` };
}
