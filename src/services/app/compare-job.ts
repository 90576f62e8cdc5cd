import { checkFacts, checkVerdict } from '../../domain/check-conclusion.js';
import type { CompareReport } from '../../domain/compare-report.js';
import type { Job } from '../../domain/jobs.js';
import { codeSpan, escapeText } from '../../report/markdown.js';
import { COMMENT_MARKER, renderPrComment } from '../../report/pr-comment.js';
import type { ProgressSink } from '../ports.js';
import type { AppState } from './app-state.js';
import { checkProgress, startCheckRun } from './check-run.js';
import type { CheckAction, GitHub } from './github.js';
import type { CompareJob, RepoTarget } from './job-payloads.js';
import { writeStickyComment } from './sticky-comment.js';

/**
 * A compare of two revisions of a repository fetched from GitHub; `skipped` (a reason) when
 * the head's config says pull requests wait for a command (`runs_on: command`) and this
 * compare was not asked for with one.
 */
export type MeasurePullRequest = (input: {
  target: RepoTarget;
  baseSha: string;
  headSha: string;
  /** `false` for a push or a re-opened PR, `true` for `/perfbot run` or a re-run of the check. */
  requested: boolean;
  signal: AbortSignal;
  progress: ProgressSink;
}) => Promise<CompareReport | { skipped: string }>;

export interface CompareJobDeps {
  github: GitHub;
  state: AppState;
  measure: MeasurePullRequest;
  /** Milliseconds between progress updates of the check run. */
  progressEveryMs?: number;
}

/** The check's button that accepts a regression (`check_run.requested_action`). */
export const ACK_ACTION: CheckAction = { label: 'Acknowledge', description: 'Accept this regression for this head', identifier: 'ack' };

/**
 * Runs a pull request's compare and reports it: check run in progress, then the sticky
 * comment, then the check run completed with the conclusion (`failure` on an
 * unacknowledged regression when `fail_on: regression`).
 * @returns the conclusion and title, the job's result
 */
export async function runCompareJob(deps: CompareJobDeps, job: Job<CompareJob>, signal: AbortSignal): Promise<{ conclusion: string; title: string }> {
  const { github, state } = deps;
  const p = job.payload;
  const t = p.target;
  const checkRunId = await startCheckRun(github, state, t, p.headSha, p.pr, {
    title: 'Measuring',
    summary: `Measuring the merge-base of ${codeSpan(p.baseRef)} against \`${p.headSha.slice(0, 10)}\`.`,
  });
  const progress = checkProgress(
    (summary) => github.updateCheckRun({ owner: t.owner, repo: t.repo, checkRunId, status: 'in_progress', output: { title: 'Measuring', summary } }),
    deps.progressEveryMs ?? 20_000,
  );
  const report = await deps.measure({ target: t, baseSha: p.baseSha, headSha: p.headSha, requested: p.trigger === 'command' || p.trigger === 'rerequested', signal, progress });
  if ('skipped' in report) {
    const title = 'Waiting for /perfbot run';
    await writeStickyComment(github, state, { owner: t.owner, repo: t.repo, number: p.pr }, `### perfbot has not measured \`${p.headSha.slice(0, 10)}\`\n\n${report.skipped}: say \`/perfbot run\` to measure it.`);
    await github.updateCheckRun({ owner: t.owner, repo: t.repo, checkRunId, status: 'completed', conclusion: 'neutral', output: { title, summary: report.skipped } });
    state.saveCheckRun(t.repository, p.headSha, { checkRunId, pr: p.pr, conclusion: 'neutral', summary: report.skipped, facts: null });
    return { conclusion: 'neutral', title };
  }
  const facts = checkFacts(report);
  const verdict = checkVerdict(facts, state.acks(t.repository, p.pr, p.headSha));
  const comment = renderPrComment(report);
  await writeStickyComment(github, state, { owner: t.owner, repo: t.repo, number: p.pr }, comment);
  const summary = comment.replace(`${COMMENT_MARKER}\n`, '');
  await github.updateCheckRun({
    owner: t.owner,
    repo: t.repo,
    checkRunId,
    status: 'completed',
    conclusion: verdict.conclusion,
    output: { title: verdict.title, summary },
    actions: verdict.conclusion === 'failure' ? [ACK_ACTION] : [],
  });
  state.saveCheckRun(t.repository, p.headSha, { checkRunId, pr: p.pr, conclusion: verdict.conclusion, summary, facts });
  return { conclusion: verdict.conclusion, title: verdict.title };
}

/**
 * Shows on the pull request why its job failed for good: the check run completes `neutral`
 * (perfbot's failure is not the PR's) and the sticky comment says what went wrong.
 */
export async function reportCompareFailure(deps: Pick<CompareJobDeps, 'github' | 'state'>, job: Job<CompareJob>, reason: string): Promise<void> {
  const { github, state } = deps;
  const p = job.payload;
  const t = p.target;
  const title = 'perfbot could not measure this pull request';
  // The reason may carry repository text (an install log's last line, a config error): escaped.
  const summary = `${escapeText(reason)}\n\nFix the cause and push again, or say \`/perfbot run\` to retry.`;
  const checkRunId = await startCheckRun(github, state, t, p.headSha, p.pr, { title, summary });
  await github.updateCheckRun({ owner: t.owner, repo: t.repo, checkRunId, status: 'completed', conclusion: 'neutral', output: { title, summary } });
  state.saveCheckRun(t.repository, p.headSha, { checkRunId, pr: p.pr, conclusion: 'neutral', summary, facts: null });
  await writeStickyComment(github, state, { owner: t.owner, repo: t.repo, number: p.pr }, `### ⚠️ ${title} (\`${p.headSha.slice(0, 10)}\`)\n\n${summary}`);
}
