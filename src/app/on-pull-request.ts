import { autoRunDecision } from '../domain/trust.js';
import { queueCheckRun } from '../services/app/check-run.js';
import { prSubject, type CompareJob, type CompareTrigger } from '../services/app/job-payloads.js';
import { writeStickyComment } from '../services/app/sticky-comment.js';
import { pullRequestEvent, readPayload } from './payloads.js';
import { targetOf, type AppRuntime } from './runtime.js';

const ACTIONS = new Set(['opened', 'synchronize', 'reopened']);

/**
 * `pull_request` opened, synchronize, reopened: enqueues a compare of the merge-base against
 * the new head (superseding the PR's older job), or, for code perfbot must not run on its
 * own (forks, bots), says how a maintainer can start it. Every head is recorded with its time, so a
 * later `/perfbot run` measures the head its commenter saw.
 */
export function onPullRequest(rt: AppRuntime) {
  return async (event: { id: string; payload: unknown }): Promise<void> => {
    const read = readPayload(pullRequestEvent, event.payload);
    if (!read.ok) return rt.log(`pull_request delivery ${event.id} ignored: ${read.reason}`);
    const p = read.value;
    if (!ACTIONS.has(p.action)) return;
    const t = targetOf(p.repository, p.installation.id);
    const pr = p.pull_request;
    // Known installations let a job whose stored payload is unreadable still report on its PR.
    rt.state.registerRepository(t.repository, t.installationId, p.repository.default_branch);
    rt.ledger.recordHead(t.repository, p.number, pr.head.sha, Date.parse(pr.updated_at ?? '') || Date.now());
    const decision = autoRunDecision({ baseRepository: p.repository.full_name, headRepository: pr.head.repo?.full_name ?? null, authorType: pr.user.type });
    if (!decision.run) {
      rt.log(`${t.repository}#${p.number}: not run automatically: ${decision.why}`);
      rt.background(`notice on ${t.repository}#${p.number}`, async () => {
        const github = await rt.githubFor(t.installationId);
        const body = `### perfbot has not measured this pull request\n\nIt does not run automatically because ${decision.why}: a pull request's benchmark code runs on perfbot's machine. A maintainer can start it by commenting \`/perfbot run\`.`;
        await writeStickyComment(github, rt.state, { owner: t.owner, repo: t.repo, number: p.number }, body);
      });
      return;
    }
    const payload: CompareJob = { target: t, pr: p.number, baseRef: pr.base.ref, baseSha: pr.base.sha, headSha: pr.head.sha, trigger: p.action as CompareTrigger, requestedBy: null, author: pr.user.login };
    const { job, ahead, superseded } = rt.queue.enqueue({ kind: 'compare', repository: t.repository, subject: prSubject(p.number), payload, supersede: true });
    rt.log(`${t.repository}#${p.number}: compare job ${job.id} queued (${ahead} ahead${superseded.length ? `, supersedes ${superseded.map((j) => j.id).join(', ')}` : ''})`);
    rt.wake();
    rt.background(`queued check for job ${job.id}`, async () => queueCheckRun(await rt.githubFor(t.installationId), rt.state, t, pr.head.sha, p.number, ahead), job.id);
  };
}
