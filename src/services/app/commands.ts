import type { Command } from '../../domain/commands.js';
import { USAGE } from '../../domain/commands.js';
import { associationCanWrite, permissionCanWrite } from '../../domain/trust.js';
import type { JobQueue } from '../job-queue.js';
import { acknowledge } from './acknowledge.js';
import type { AppState } from './app-state.js';
import { queueCheckRun } from './check-run.js';
import type { GitHub } from './github.js';
import { prSubject, type BisectJob, type CompareJob, type RepoTarget } from './job-payloads.js';

export interface CommandDeps {
  github: GitHub;
  state: AppState;
  queue: JobQueue;
  /** A job was enqueued: the worker should look. */
  wake(): void;
  /** Runs GitHub calls about a job just enqueued; the worker waits for them before it runs the job. */
  announce(jobId: number, task: () => Promise<void>): void;
}

/** A command given in a pull request comment, and who gave it. */
export interface CommandRequest {
  target: RepoTarget;
  pr: number;
  login: string;
  /** The comment's `author_association`. */
  association: string;
  command: Command;
}

/**
 * Carries out a `/perfbot` command from a pull request comment: only people with write access
 * (author association, else the permission API) may; anything wrong gets a reply with the
 * right usage. Runs in the background, never in the webhook's response time.
 * @returns the id of the job it enqueued, or `null`
 */
export async function carryOutCommand(deps: CommandDeps, req: CommandRequest): Promise<number | null> {
  const { github, queue } = deps;
  const { target: t, command } = req;
  const pr = { owner: t.owner, repo: t.repo, number: req.pr };
  const reply = (text: string) => github.createComment(pr, text);
  if (command.kind === 'help') {
    await reply(`perfbot commands (people with write access):\n\n${USAGE}`);
    return null;
  }
  if (command.kind === 'invalid') {
    await reply(`@${req.login} ${command.reason}.\n\nUsage:\n${command.usage}`);
    return null;
  }
  const allowed = associationCanWrite(req.association) || permissionCanWrite(await github.permission({ owner: t.owner, repo: t.repo, username: req.login }));
  if (!allowed) {
    await reply(`@${req.login} sorry, only people with write access to ${t.repository} can use \`/perfbot ${command.kind}\`: it runs code from this pull request.`);
    return null;
  }
  const info = await github.pullRequest(pr);
  switch (command.kind) {
    case 'run': {
      const payload: CompareJob = { target: t, pr: req.pr, baseRef: info.baseRef, baseSha: info.baseSha, headSha: info.headSha, trigger: 'command', requestedBy: req.login };
      const { job, ahead } = queue.enqueue({ kind: 'compare', repository: t.repository, subject: prSubject(req.pr), payload, supersede: true });
      deps.announce(job.id, () => queueCheckRun(github, deps.state, t, info.headSha, req.pr, ahead));
      deps.wake();
      return job.id;
    }
    case 'bisect': {
      const payload: BisectJob = { target: t, pr: req.pr, benchmark: command.benchmark, metric: command.metric, good: info.baseSha, bad: info.headSha, requestedBy: req.login };
      const { job, ahead } = queue.enqueue({ kind: 'bisect', repository: t.repository, subject: `bisect:${req.pr}`, payload });
      deps.wake();
      await reply(`@${req.login} bisecting \`${command.benchmark}\` ${command.metric ?? 'throughput'} between \`${info.baseSha.slice(0, 10)}\` and \`${info.headSha.slice(0, 10)}\` (${ahead === 0 ? 'next to run' : `${ahead} jobs ahead`}); the culprit will appear in perfbot's comment.`);
      return job.id;
    }
    case 'ack':
      await reply(await acknowledge(github, deps.state, t, req.pr, info.headSha, { benchmark: command.benchmark, login: req.login, reason: command.reason }));
      return null;
  }
}
