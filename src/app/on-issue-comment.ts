import { parseCommand } from '../domain/commands.js';
import { carryOutCommand } from '../services/app/commands.js';
import { issueCommentEvent, readPayload } from './payloads.js';
import { targetOf, type AppRuntime } from './runtime.js';

/**
 * `issue_comment` created on a pull request: a `/perfbot` command is carried out in the
 * background. Comments by bots (perfbot's own included) and on plain issues are ignored.
 */
export function onIssueComment(rt: AppRuntime) {
  return async (event: { id: string; payload: unknown }): Promise<void> => {
    const read = readPayload(issueCommentEvent, event.payload);
    if (!read.ok) return rt.log(`issue_comment delivery ${event.id} ignored: ${read.reason}`);
    const p = read.value;
    if (p.action !== 'created' || !p.issue.pull_request || p.comment.user.type === 'Bot') return;
    const command = parseCommand(p.comment.body);
    if (command === null) return;
    const t = targetOf(p.repository, p.installation.id);
    rt.log(`${t.repository}#${p.issue.number}: /perfbot ${command.kind} from @${p.comment.user.login}`);
    rt.background(`/perfbot ${command.kind} on ${t.repository}#${p.issue.number}`, async () => {
      const github = await rt.githubFor(t.installationId);
      await carryOutCommand(
        { github, state: rt.state, ledger: rt.ledger, queue: rt.queue, wake: rt.wake, log: rt.log, announce: (jobId, task) => rt.background(`queued check for job ${jobId}`, task, jobId) },
        { target: t, pr: p.issue.number, login: p.comment.user.login, commentAt: Date.parse(p.comment.created_at) || Date.now(), command },
      );
    });
  };
}
