import type { BisectReport } from '../../domain/bisect/types.js';
import type { Job } from '../../domain/jobs.js';
import { renderBisectNote } from '../../report/bisect-note.js';
import { codeSpan, escapeText } from '../../report/markdown.js';
import { COMMENT_MARKER } from '../../report/pr-comment.js';
import type { ProgressSink } from '../ports.js';
import type { AppState } from './app-state.js';
import type { GitHub } from './github.js';
import type { BisectJob, RepoTarget } from './job-payloads.js';
import { writeStickyComment } from './sticky-comment.js';
import type { ReportIssues } from '../trends/report-issues.js';
import type { ReportState } from '../trends/report-state.js';

/** A bisect of a repository fetched from GitHub, between good (or its merge-base with bad) and bad. */
export type BisectRepository = (input: {
  target: RepoTarget;
  good: string;
  bad: string;
  benchmark: string;
  metric: string;
  signal: AbortSignal;
  progress: ProgressSink;
}) => Promise<BisectReport>;

export interface BisectJobDeps {
  github: GitHub;
  state: AppState;
  bisect: BisectRepository;
  /** For bisects of default-branch change points: where their results go. */
  trend?: { reports: ReportState; issues: ReportIssues };
}

/**
 * Runs `/perfbot bisect` and puts the culprit note into the pull request's sticky comment,
 * under the head's latest compare.
 * @returns the status and the culprit's sha (or `null`), the job's result
 */
export async function runBisectJob(deps: BisectJobDeps, job: Job<BisectJob>, signal: AbortSignal): Promise<{ status: string; culprit: string | null }> {
  const p = job.payload;
  const t = p.target;
  const report = await deps.bisect({ target: t, good: p.good, bad: p.bad, benchmark: p.benchmark, metric: p.metric ?? 'throughput', signal, progress: () => undefined });
  if (p.pr === null) return reportTrendBisect(deps, p, report);
  const compare = deps.state.checkRun(t.repository, p.bad)?.summary ?? null;
  const section = `### Bisect of ${codeSpan(p.benchmark)} ${escapeText(report.metric)} (asked by @${p.requestedBy})\n\n${renderBisectNote(report)}`;
  const body = `${COMMENT_MARKER}\n${compare ? `${compare}\n\n---\n\n` : ''}${section}`;
  await writeStickyComment(deps.github, deps.state, { owner: t.owner, repo: t.repo, number: p.pr }, body);
  return { status: report.result.status, culprit: report.result.culprits[0]?.sha ?? null };
}

/**
 * A bisect of a default-branch change point: the culprit goes to the week's report issue and,
 * when the culprit came in with a pull request, to that pull request.
 */
async function reportTrendBisect(deps: BisectJobDeps, p: BisectJob, report: BisectReport): Promise<{ status: string; culprit: string | null }> {
  const t = p.target;
  const repo = { owner: t.owner, repo: t.repo };
  const culprit = report.result.culprits[0]?.sha ?? null;
  const key = { benchmark: p.benchmark, metric: p.metric ?? 'throughput', good: p.good, bad: p.bad };
  if (deps.trend) {
    deps.trend.reports.finishTrendBisect(t.repository, key, report.result.status, culprit);
    const note = renderBisectNote(report);
    const issue = p.weekOf ? deps.trend.reports.filed(t.repository, p.weekOf)?.issue : null;
    if (issue) await deps.trend.issues.comment(repo, issue.number, `### Bisect of ${codeSpan(p.benchmark)} ${escapeText(report.metric)}\n\n${note}`);
    const pr = culprit ? await deps.trend.issues.pullRequestOf(repo, culprit) : null;
    if (pr !== null) await deps.trend.issues.comment(repo, pr, `perfbot's weekly trend report traced a change in ${codeSpan(p.benchmark)} ${escapeText(report.metric)} on the default branch to this pull request:\n\n${note}`);
  }
  return { status: report.result.status, culprit };
}

/** Tells whoever asked why a bisect failed. */
export async function reportBisectFailure(deps: Pick<BisectJobDeps, 'github'>, job: Job<BisectJob>, reason: string): Promise<void> {
  const p = job.payload;
  if (p.pr === null) return;
  await deps.github.createComment({ owner: p.target.owner, repo: p.target.repo, number: p.pr }, `@${p.requestedBy} the bisect of ${codeSpan(p.benchmark)} failed: ${escapeText(reason)}`);
}
