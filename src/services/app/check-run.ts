import { escapeText } from '../../report/markdown.js';
import type { AppState } from './app-state.js';
import type { CheckOutput, GitHub } from './github.js';
import type { RepoTarget } from './job-payloads.js';

/**
 * The check run of a head sha, in progress: reuses the one stored for that sha (queued at
 * enqueue, or completed by an earlier run being re-run), else creates it. One check run per
 * head sha, so a restarted job never adds a second.
 * @returns its id
 */
export async function startCheckRun(github: GitHub, state: AppState, t: RepoTarget, headSha: string, pr: number | null, output: CheckOutput): Promise<number> {
  const stored = state.checkRun(t.repository, headSha);
  if (stored) {
    await github.updateCheckRun({ owner: t.owner, repo: t.repo, checkRunId: stored.checkRunId, status: 'in_progress', output });
    state.saveCheckRun(t.repository, headSha, { ...stored, pr, conclusion: null, facts: null });
    return stored.checkRunId;
  }
  const id = await github.createCheckRun({ owner: t.owner, repo: t.repo, headSha, status: 'in_progress', output, externalId: `${t.repository}@${headSha}` });
  state.saveCheckRun(t.repository, headSha, { checkRunId: id, pr, conclusion: null, summary: null, facts: null });
  return id;
}

/**
 * A check run saying the job waits in the queue, created when the job is enqueued.
 * Does nothing when the head already has a check run (a re-run, a restart).
 */
export async function queueCheckRun(github: GitHub, state: AppState, t: RepoTarget, headSha: string, pr: number, ahead: number): Promise<void> {
  const output = { title: ahead === 0 ? 'Queued: next to run' : `Queued: ${ahead} job${ahead === 1 ? '' : 's'} ahead`, summary: 'perfbot will measure the merge-base against this head.' };
  const stored = state.checkRun(t.repository, headSha);
  if (stored) {
    await github.updateCheckRun({ owner: t.owner, repo: t.repo, checkRunId: stored.checkRunId, status: 'queued', output });
    state.saveCheckRun(t.repository, headSha, { ...stored, pr, conclusion: null, facts: null });
    return;
  }
  const id = await github.createCheckRun({ owner: t.owner, repo: t.repo, headSha, status: 'queued', output, externalId: `${t.repository}@${headSha}` });
  state.saveCheckRun(t.repository, headSha, { checkRunId: id, pr, conclusion: null, summary: null, facts: null });
}

/**
 * Progress on the check run at most every `everyMs`: GitHub limits how often an app may
 * write, and nobody reads a check faster than that. The line names benchmarks and their
 * failures (repository text), so it is escaped.
 */
export function checkProgress(update: (summary: string) => Promise<void>, everyMs: number, clock: () => number = Date.now): (line: string, step?: { done: number; total: number }) => void {
  let last = clock();
  let pending: Promise<void> = Promise.resolve();
  return (line, step) => {
    if (clock() - last < everyMs) return;
    last = clock();
    const summary = step ? `${escapeText(line)}\n\n${step.done} of ${step.total} trials done.` : escapeText(line);
    pending = pending.then(() => update(summary)).catch(() => undefined);
  };
}

/** Completes a superseded head's check run as `cancelled`, unless it already completed. */
export async function cancelCheckRun(github: GitHub, state: AppState, t: RepoTarget, headSha: string, why: string): Promise<void> {
  const stored = state.checkRun(t.repository, headSha);
  if (!stored || stored.conclusion !== null) return;
  await github.updateCheckRun({ owner: t.owner, repo: t.repo, checkRunId: stored.checkRunId, status: 'completed', conclusion: 'cancelled', output: { title: 'Superseded', summary: why } });
  state.saveCheckRun(t.repository, headSha, { ...stored, conclusion: 'cancelled' });
}
