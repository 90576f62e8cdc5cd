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
  return (app) => {
    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], onPullRequest(rt));
    app.on('issue_comment.created', onIssueComment(rt));
    app.on(['check_run.rerequested', 'check_run.requested_action'], onCheckRun(rt));
    app.on('push', onPush(rt));
    app.on('installation', onInstallation(rt));
    app.on('installation_repositories', onInstallationRepositories(rt));
  };
}
