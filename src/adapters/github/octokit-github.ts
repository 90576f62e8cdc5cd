import type { ProbotOctokit } from 'probot';
import type { CheckAction, CheckOutput, GitHub, Permission, PullRef, PullRequestInfo, RepoRef } from '../../services/app/github.js';
import { statusOf, toGitHubError } from './github-error.js';
import { LIMITS, truncateLine, truncateMarkdown } from './text-limits.js';

export { GitHubError } from './github-error.js';

/** An installation-authenticated client: `await probot.auth(installationId)` or `context.octokit`. */
export type ProbotOctokitInstance = ProbotOctokit;

/** The check run's name on GitHub (one per head sha). */
export const CHECK_NAME = 'perfbot';

const ROLES: readonly Permission[] = ['admin', 'maintain', 'write', 'triage', 'read', 'none'];

/**
 * The `GitHub` port over Probot's Octokit, for one installation. Retries (5xx, rate limits) are the
 * client's (see `perfbotOctokit`); every final failure is thrown as a `GitHubError`. Texts are cut
 * to GitHub's limits before they are sent, so a long report never earns a 422.
 */
export class OctokitGitHub implements GitHub {
  private readonly appSlug: string | null;
  private readonly clock: () => number;

  /**
   * @param options.appSlug the app's slug; when set, `findComment` only trusts comments by `<slug>[bot]`
   * @param options.clock milliseconds since the epoch, for a check run's `completed_at` (default `Date.now`)
   */
  constructor(
    private readonly octokit: ProbotOctokitInstance,
    options: { appSlug?: string; clock?: () => number } = {},
  ) {
    this.appSlug = options.appSlug ?? null;
    this.clock = options.clock ?? Date.now;
  }

  async createCheckRun(input: Parameters<GitHub['createCheckRun']>[0]): Promise<number> {
    const { owner, repo } = input;
    return this.call('POST', `/repos/${owner}/${repo}/check-runs`, async () => {
      const { data } = await this.octokit.rest.checks.create({
        owner,
        repo,
        name: CHECK_NAME,
        head_sha: input.headSha,
        status: input.status,
        output: fitOutput(input.output),
        external_id: input.externalId,
      });
      return data.id;
    });
  }

  /** @throws RangeError for more than 3 actions, an over-long action field, or `completed` without a conclusion */
  async updateCheckRun(input: Parameters<GitHub['updateCheckRun']>[0]): Promise<void> {
    const { owner, repo, checkRunId, status } = input;
    const actions = input.actions === undefined ? undefined : checkActions(input.actions);
    if (status === 'completed' && input.conclusion === undefined) throw new RangeError('a completed check run needs a conclusion');
    const completed = status === 'completed' ? { conclusion: input.conclusion, completed_at: new Date(this.clock()).toISOString() } : {};
    await this.call('PATCH', `/repos/${owner}/${repo}/check-runs/${checkRunId}`, () =>
      this.octokit.rest.checks.update({
        owner,
        repo,
        check_run_id: checkRunId,
        status,
        ...completed,
        output: fitOutput(input.output),
        ...(actions === undefined ? {} : { actions }),
      }),
    );
  }

  async createComment(pr: PullRef, body: string): Promise<number> {
    const { owner, repo, number } = pr;
    return this.call('POST', `/repos/${owner}/${repo}/issues/${number}/comments`, async () => {
      const { data } = await this.octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: truncateMarkdown(body, LIMITS.commentBody) });
      return data.id;
    });
  }

  async updateComment(input: RepoRef & { commentId: number; body: string }): Promise<boolean> {
    const { owner, repo, commentId } = input;
    return this.call(
      'PATCH',
      `/repos/${owner}/${repo}/issues/comments/${commentId}`,
      async () => {
        await this.octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body: truncateMarkdown(input.body, LIMITS.commentBody) });
        return true;
      },
      { 404: false },
    );
  }

  /** Pages through the comments, oldest first, 100 a page, and stops at the first match. */
  async findComment(pr: PullRef, marker: string): Promise<number | null> {
    const { owner, repo, number } = pr;
    return this.call('GET', `/repos/${owner}/${repo}/issues/${number}/comments`, async () => {
      const pages = this.octokit.paginate.iterator(this.octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 });
      for await (const { data } of pages) {
        const found = data.find((comment) => comment.body?.includes(marker) === true && this.isOurs(comment.user));
        if (found) return found.id;
      }
      return null;
    });
  }

  /** A user who is not a collaborator (GitHub answers 404) has `none`. */
  async permission(input: RepoRef & { username: string }): Promise<Permission> {
    const { owner, repo, username } = input;
    return this.call(
      'GET',
      `/repos/${owner}/${repo}/collaborators/${username}/permission`,
      async () => {
        const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
        // `role_name` distinguishes maintain and triage; a custom role falls back to its base `permission`.
        return asPermission(data.role_name) ?? asPermission(data.permission) ?? 'none';
      },
      { 404: 'none' },
    );
  }

  async pullRequest(pr: PullRef): Promise<PullRequestInfo> {
    const { owner, repo, number } = pr;
    return this.call('GET', `/repos/${owner}/${repo}/pulls/${number}`, async () => {
      const { data } = await this.octokit.rest.pulls.get({ owner, repo, pull_number: number });
      return { baseRef: data.base.ref, baseSha: data.base.sha, headSha: data.head.sha, headRepository: data.head.repo?.full_name ?? null, author: data.user.login };
    });
  }

  async pullRequestCommits(pr: PullRef): Promise<string[]> {
    const { owner, repo, number } = pr;
    return this.call('GET', `/repos/${owner}/${repo}/pulls/${number}/commits`, async () => {
      const commits = await this.octokit.paginate(this.octokit.rest.pulls.listCommits, { owner, repo, pull_number: number, per_page: 100 });
      return commits.map((c) => c.sha);
    });
  }

  async cloneToken(): Promise<string> {
    return this.call('POST', '/app/installations/{installation_id}/access_tokens', async () => {
      const auth = (await this.octokit.auth({ type: 'installation' })) as { token?: unknown };
      if (typeof auth.token !== 'string' || auth.token === '') throw new Error('the client is not authenticated as an installation');
      return auth.token;
    });
  }

  private isOurs(user: { type?: string; login?: string } | null | undefined): boolean {
    if (user?.type !== 'Bot') return false;
    return this.appSlug === null || user.login === `${this.appSlug}[bot]`;
  }

  /** Runs one API call; `expected` maps statuses that are answers, not failures, to results. */
  private async call<T>(method: string, path: string, run: () => Promise<T>, expected: Partial<Record<number, T>> = {}): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const status = statusOf(error);
      if (status !== null && status in expected) return expected[status] as T;
      throw toGitHubError(error, `${method} ${path}`);
    }
  }
}

function fitOutput(output: CheckOutput): CheckOutput {
  return { title: truncateLine(output.title, LIMITS.checkTitle), summary: truncateMarkdown(output.summary, LIMITS.checkSummary) };
}

/** Checks actions against GitHub's limits (3 actions; label 20, description 40, identifier 20 characters). */
function checkActions(actions: readonly CheckAction[]): CheckAction[] {
  if (actions.length > LIMITS.actions) throw new RangeError(`a check run has at most ${LIMITS.actions} actions, got ${actions.length}`);
  for (const action of actions) {
    const tooLong =
      action.label.length > LIMITS.actionLabel
        ? `label "${action.label}" is longer than ${LIMITS.actionLabel}`
        : action.description.length > LIMITS.actionDescription
          ? `description of "${action.label}" is longer than ${LIMITS.actionDescription}`
          : action.identifier.length > LIMITS.actionIdentifier
            ? `identifier "${action.identifier}" is longer than ${LIMITS.actionIdentifier}`
            : null;
    if (tooLong) throw new RangeError(`check action ${tooLong} characters`);
  }
  return actions.map(({ label, description, identifier }) => ({ label, description, identifier }));
}

function asPermission(value: string | undefined): Permission | null {
  return ROLES.find((role) => role === value) ?? null;
}
