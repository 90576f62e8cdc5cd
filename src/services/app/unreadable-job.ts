import type { Job } from '../../domain/jobs.js';
import type { AppState } from './app-state.js';
import { reportCompareFailure } from './compare-job.js';
import type { GitHub } from './github.js';
import { prOfSubject, type CompareJob } from './job-payloads.js';
import { escapeText } from '../../report/markdown.js';

/** What {@link reportUnreadableJob} needs. */
export interface UnreadableJobDeps {
  state: AppState;
  githubFor(installationId: number): Promise<GitHub>;
  log(line: string): void;
}

/**
 * Shows the failure of a job whose stored payload cannot be read (not JSON, or not the shape
 * its kind needs) from what the row itself says: its repository (whose installation the app
 * registered) and its subject's pull request. A compare's pull request gets its usual failure
 * report on its current head (check run and sticky comment), anything else a comment. With
 * no pull request or installation to show it on, the failure is only logged.
 */
export async function reportUnreadableJob(deps: UnreadableJobDeps, job: Job, reason: string): Promise<void> {
  const pr = prOfSubject(job.subject);
  const installation = deps.state.installationOf(job.repository);
  const [owner = '', repo = ''] = job.repository.split('/');
  if (pr === null || installation === null || !owner || !repo) {
    deps.log(`job ${job.id}: its failure has nowhere to be shown (${pr === null ? 'no pull request' : 'the app is not installed on its repository'}): ${reason}`);
    return;
  }
  const github = await deps.githubFor(installation.installationId);
  const ref = { owner, repo, number: pr };
  if (job.kind !== 'compare') {
    await github.createComment(ref, `perfbot's ${job.kind} job ${job.id} for this pull request failed: ${escapeText(reason)}`);
    return;
  }
  const info = await github.pullRequest(ref);
  const payload: CompareJob = {
    target: { repository: job.repository, owner, repo, installationId: installation.installationId },
    pr,
    baseRef: info.baseRef,
    baseSha: info.baseSha,
    headSha: info.headSha,
    trigger: 'command',
    requestedBy: null,
  };
  await reportCompareFailure({ github, state: deps.state }, { ...job, payload }, reason);
}
