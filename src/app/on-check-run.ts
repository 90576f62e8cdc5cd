import { permissionCanWrite } from '../domain/trust.js';
import { acknowledge } from '../services/app/acknowledge.js';
import { queueCheckRun } from '../services/app/check-run.js';
import { prSubject, type CompareJob } from '../services/app/job-payloads.js';
import { checkRunEvent, readPayload } from './payloads.js';
import { targetOf, type AppRuntime } from './runtime.js';

/**
 * `check_run` on perfbot's check: `rerequested` measures the pull request again;
 * `requested_action` `ack` (the Acknowledge button) accepts the head's regressions.
 */
export function onCheckRun(rt: AppRuntime) {
  return async (event: { id: string; payload: unknown }): Promise<void> => {
    const read = readPayload(checkRunEvent, event.payload);
    if (!read.ok) return rt.log(`check_run delivery ${event.id} ignored: ${read.reason}`);
    const p = read.value;
    if (p.check_run.name !== 'perfbot') return;
    const pull = p.check_run.pull_requests[0];
    if (!pull) return rt.log(`check_run delivery ${event.id} ignored: the check is not on a pull request`);
    const t = targetOf(p.repository, p.installation.id);
    const headSha = p.check_run.head_sha;
    if (p.action === 'rerequested') {
      const payload: CompareJob = { target: t, pr: pull.number, baseRef: pull.base.ref, baseSha: pull.base.sha, headSha, trigger: 'rerequested', requestedBy: p.sender.login };
      const { job, ahead } = rt.queue.enqueue({ kind: 'compare', repository: t.repository, subject: prSubject(pull.number), payload, supersede: true });
      rt.wake();
      rt.background(`queued check for job ${job.id}`, async () => queueCheckRun(await rt.githubFor(t.installationId), rt.state, t, headSha, pull.number, ahead), job.id);
    } else if (p.action === 'requested_action' && p.requested_action?.identifier === 'ack') {
      rt.background(`acknowledgement on ${t.repository}#${pull.number}`, async () => {
        const github = await rt.githubFor(t.installationId);
        const pr = { owner: t.owner, repo: t.repo, number: pull.number };
        if (!permissionCanWrite(await github.permission({ owner: t.owner, repo: t.repo, username: p.sender.login }))) {
          await github.createComment(pr, `@${p.sender.login} sorry, only people with write access to ${t.repository} can acknowledge a regression.`);
          return;
        }
        await github.createComment(pr, await acknowledge(github, rt.state, t, pull.number, headSha, { benchmark: '*', login: p.sender.login, reason: null }));
      });
    }
  };
}
