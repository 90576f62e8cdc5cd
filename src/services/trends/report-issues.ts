import type { RepoRef } from '../app/github.js';

/** An issue as the weekly report needs it. */
export interface IssueRef {
  number: number;
  url: string;
  title: string;
}

/**
 * GitHub issues for the weekly report, for one installation (adapter: OctokitReportIssues).
 * Every method throws a `GitHubError` after the client's own retries are spent.
 */
export interface ReportIssues {
  /** Creates the label unless the repository has it. */
  ensureLabel(repo: RepoRef, label: { name: string; color: string; description: string }): Promise<void>;
  /** Open issues with a label, newest first. */
  openIssues(repo: RepoRef, label: string): Promise<IssueRef[]>;
  createIssue(repo: RepoRef, issue: { title: string; body: string; labels: string[] }): Promise<IssueRef>;
  /** Comments on an issue, then closes it. */
  closeIssue(repo: RepoRef, number: number, comment: string): Promise<void>;
  comment(repo: RepoRef, number: number, body: string): Promise<void>;
  /** The merged pull request a commit came in with, or `null` (a direct push). */
  pullRequestOf(repo: RepoRef, sha: string): Promise<number | null>;
}
