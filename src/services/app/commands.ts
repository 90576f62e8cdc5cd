import { commandHead } from '../../domain/command-head.js';
import type { Command } from '../../domain/commands.js';
import { USAGE } from '../../domain/commands.js';
import { permissionCanWrite } from '../../domain/trust.js';
import { codeSpan, escapeText } from '../../report/markdown.js';
import type { JobQueue } from '../job-queue.js';
import { acknowledge } from './acknowledge.js';
import type { AppState } from './app-state.js';
import { queueCheckRun } from './check-run.js';
import type { GitHub } from './github.js';
import { bisectSubject, prSubject, type BisectJob, type CompareJob, type RepoTarget } from './job-payloads.js';
import type { WebhookLedger } from './webhook-ledger.js';

export interface CommandDeps {
  github: GitHub;
  state: AppState;
  ledger: WebhookLedger;
  queue: JobQueue;
  /** A job was enqueued: the worker should look. */
  wake(): void;
  /** Runs GitHub calls about a job just enqueued; the worker waits for them before it runs the job. */
  announce(jobId: number, task: () => Promise<void>): void;
  log(line: string): void;
}

/** A command given in a pull request comment, and who gave it when. */
export interface CommandRequest {
  target: RepoTarget;
  pr: number;
  login: string;
  /** When the comment was written (GitHub's `created_at`, ms since the epoch). */
  commentAt: number;
  command: Command;
}

/**
 * Carries out a `/perfbot` command from a pull request comment. Only people whom GitHub's
 * collaborator-permission API gives write access may (an author association such as `MEMBER`
 * does not mean write); anyone else gets no reply at all. A command acts on the head the
 * commenter saw when writing it (or the sha they named), never on a later push. Anything
 * wrong gets a reply with the right usage. Runs in the background, never in the webhook's
 * response time.
 * @returns the id of the job it enqueued, or `null`
 */
export async function carryOutCommand(deps: CommandDeps, req: CommandRequest): Promise<number | null> {
  const { github, queue } = deps;
  const { target: t, command } = req;
  const pr = { owner: t.owner, repo: t.repo, number: req.pr };
  const reply = (text: string) => github.createComment(pr, text);
  const permission = await github.permission({ owner: t.owner, repo: t.repo, username: req.login });
  if (!permissionCanWrite(permission)) {
    deps.log(`${t.repository}#${req.pr}: /perfbot ${command.kind} from @${req.login} ignored: permission '${permission}', not write`);
    return null;
  }
  if (command.kind === 'help') {
    await reply(`perfbot commands (people with write access):\n\n${USAGE}`);
    return null;
  }
  if (command.kind === 'invalid') {
    await reply(`@${req.login} ${escapeText(command.reason)}.\n\nUsage:\n${command.usage}`);
    return null;
  }
  const info = await github.pullRequest(pr);
  const named = command.kind === 'run' ? command.sha : null;
  const head = commandHead({
    heads: deps.ledger.heads(t.repository, req.pr),
    commentAt: req.commentAt,
    currentHead: info.headSha,
    named,
    commits: named === null ? [] : await github.pullRequestCommits(pr),
  });
  if (!head.ok) {
    await reply(`@${req.login} ${head.why}. ${command.kind === 'run' ? 'Say `/perfbot run <sha>` with the commit you reviewed.' : 'Say the command again.'}`);
    return null;
  }
  const headSha = head.sha;
  switch (command.kind) {
    case 'run': {
      const payload: CompareJob = { target: t, pr: req.pr, baseRef: info.baseRef, baseSha: info.baseSha, headSha, trigger: 'command', requestedBy: req.login, author: info.author };
      const { job, ahead } = queue.enqueue({ kind: 'compare', repository: t.repository, subject: prSubject(req.pr), payload, supersede: true });
      deps.announce(job.id, () => queueCheckRun(github, deps.state, t, headSha, req.pr, ahead));
      deps.wake();
      return job.id;
    }
    case 'bisect': {
      const payload: BisectJob = { target: t, pr: req.pr, benchmark: command.benchmark, metric: command.metric, good: info.baseSha, bad: headSha, requestedBy: req.login };
      const { job, ahead } = queue.enqueue({ kind: 'bisect', repository: t.repository, subject: bisectSubject(req.pr), payload });
      deps.wake();
      await reply(`@${req.login} bisecting ${codeSpan(command.benchmark)} ${escapeText(command.metric ?? 'throughput')} between ${info.baseSha} and ${headSha} (${ahead === 0 ? 'next to run' : `${ahead} jobs ahead`}); the culprit will appear in perfbot's comment.`);
      return job.id;
    }
    case 'ack':
      await reply(await acknowledge(github, deps.state, t, req.pr, headSha, { benchmark: command.benchmark, login: req.login, reason: command.reason }));
      return null;
  }
}
