import type { BisectReport } from '../../domain/bisect/types.js';
import type { Job } from '../../domain/jobs.js';
import { renderBisectNote } from '../../report/bisect-note.js';
import { COMMENT_MARKER } from '../../report/pr-comment.js';
import type { ProgressSink } from '../ports.js';
import type { AppState } from './app-state.js';
import type { GitHub } from './github.js';
import type { BisectJob, RepoTarget } from './job-payloads.js';
import { writeStickyComment } from './sticky-comment.js';

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
  const compare = deps.state.checkRun(t.repository, p.bad)?.summary ?? null;
  const section = `### Bisect of \`${p.benchmark}\` ${report.metric} (asked by @${p.requestedBy})\n\n${renderBisectNote(report)}`;
  const body = `${COMMENT_MARKER}\n${compare ? `${compare}\n\n---\n\n` : ''}${section}`;
  await writeStickyComment(deps.github, deps.state, { owner: t.owner, repo: t.repo, number: p.pr }, body);
  return { status: report.result.status, culprit: report.result.culprits[0]?.sha ?? null };
}

/** Tells whoever asked why a bisect failed. */
export async function reportBisectFailure(deps: Pick<BisectJobDeps, 'github'>, job: Job<BisectJob>, reason: string): Promise<void> {
  const p = job.payload;
  await deps.github.createComment({ owner: p.target.owner, repo: p.target.repo, number: p.pr }, `@${p.requestedBy} the bisect of \`${p.benchmark}\` failed: ${reason}`);
}
