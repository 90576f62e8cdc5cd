/**
 * What perfbot's jobs need from GitHub, for one installation (adapter: OctokitGitHub). Every
 * method throws a `GitHubError` (adapter) after the client's own retries are spent.
 */

/** A repository on GitHub. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** A pull request (or the issue it is, for comments). */
export interface PullRef extends RepoRef {
  number: number;
}

export type CheckStatus = 'queued' | 'in_progress' | 'completed';
export type CheckConclusion = 'success' | 'failure' | 'neutral' | 'cancelled';

/** A check run's text: GitHub shows `title` and `summary` (markdown) on the Checks tab. */
export interface CheckOutput {
  title: string;
  summary: string;
}

/** A button on the check run (GitHub allows at most three). */
export interface CheckAction {
  label: string;
  description: string;
  identifier: string;
}

/** How much a user may do in a repository, as GitHub's collaborator permission API says. */
export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

/** A pull request as a `/perfbot run` command needs it (the event carries no pull request). */
export interface PullRequestInfo {
  baseRef: string;
  baseSha: string;
  headSha: string;
  /** `owner/name` of the repository the head branch lives in (a fork's, for fork PRs). */
  headRepository: string | null;
  author: string;
}

export interface GitHub {
  /** @returns the new check run's id */
  createCheckRun(input: RepoRef & { headSha: string; status: Exclude<CheckStatus, 'completed'>; output: CheckOutput; externalId: string }): Promise<number>;
  updateCheckRun(
    input: RepoRef & { checkRunId: number; status: CheckStatus; conclusion?: CheckConclusion; output: CheckOutput; actions?: readonly CheckAction[] },
  ): Promise<void>;
  /** @returns the new comment's id */
  createComment(pr: PullRef, body: string): Promise<number>;
  /** @returns `false` when the comment no longer exists (someone deleted it) */
  updateComment(input: RepoRef & { commentId: number; body: string }): Promise<boolean>;
  /**
   * Finds this app's comment on a pull request that contains `marker`.
   * @returns its id, or `null` when there is none
   */
  findComment(pr: PullRef, marker: string): Promise<number | null>;
  permission(input: RepoRef & { username: string }): Promise<Permission>;
  pullRequest(pr: PullRef): Promise<PullRequestInfo>;
  /** The full shas of a pull request's commits (GitHub lists at most 250). */
  pullRequestCommits(pr: PullRef): Promise<string[]>;
  /** A short-lived installation token for cloning (`x-access-token`); never log it. */
  cloneToken(): Promise<string>;
}
