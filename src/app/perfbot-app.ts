import type { Probot } from 'probot';
import { onCheckRun } from './on-check-run.js';
import { onInstallation, onInstallationRepositories } from './on-installation.js';
import { onIssueComment } from './on-issue-comment.js';
import { onPullRequest } from './on-pull-request.js';
import { onPush } from './on-push.js';
import type { AppRuntime } from './runtime.js';

/**
 * perfbot's webhook handlers (design §6). Each only reads the payload and enqueues or hands
 * GitHub calls to the background lane, so GitHub gets its answer within milliseconds.
 */
export function perfbotApp(rt: AppRuntime): (app: Probot) => void {
  const once = onceByDelivery(rt);
  return (app) => {
    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], once(onPullRequest(rt)));
    app.on('issue_comment.created', once(onIssueComment(rt)));
    app.on(['check_run.rerequested', 'check_run.requested_action'], once(onCheckRun(rt)));
    app.on('push', once(onPush(rt)));
    app.on('installation', once(onInstallation(rt)));
    app.on('installation_repositories', once(onInstallationRepositories(rt)));
  };
}

type Handler = (event: { id: string; name: string; payload: unknown }) => Promise<void>;

/**
 * A delivery GitHub sends again (same `x-github-delivery` id: a redelivery from the App's
 * settings, or a retry after a timeout) is handled once: a redelivered `/perfbot bisect`
 * queues nothing new, a redelivered push does not cancel a running compare.
 */
function onceByDelivery(rt: AppRuntime): (handler: (event: { id: string; payload: unknown }) => Promise<void>) => Handler {
  return (handler) => async (event) => {
    if (!rt.ledger.firstDelivery(event.id, event.name, Date.now())) return rt.log(`${event.name} delivery ${event.id} was handled before: ignored`);
    await handler(event);
  };
}
