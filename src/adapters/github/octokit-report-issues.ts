import type { RepoRef } from '../../services/app/github.js';
import type { IssueRef, ReportIssues } from '../../services/trends/report-issues.js';
import { statusOf, toGitHubError } from './github-error.js';
import type { ProbotOctokitInstance } from './octokit-github.js';
import { LIMITS, truncateMarkdown } from './text-limits.js';

/** The weekly report's issues through Probot's Octokit (`octokit.rest.issues`, `repos`). */
export class OctokitReportIssues implements ReportIssues {
  constructor(private readonly octokit: ProbotOctokitInstance) {}

  async ensureLabel(r: RepoRef, label: { name: string; color: string; description: string }): Promise<void> {
    const exists = await call(`GET /repos/${r.owner}/${r.repo}/labels/${label.name}`, async () => (await this.octokit.rest.issues.getLabel({ ...r, name: label.name }), true), { 404: false });
    if (!exists) await call(`POST /repos/${r.owner}/${r.repo}/labels`, () => this.octokit.rest.issues.createLabel({ ...r, ...label }), { 422: undefined });
  }

  async openIssues(r: RepoRef, label: string): Promise<IssueRef[]> {
    return call(`GET /repos/${r.owner}/${r.repo}/issues`, async () => {
      const { data } = await this.octokit.rest.issues.listForRepo({ ...r, labels: label, state: 'open', sort: 'created', direction: 'desc', per_page: 100 });
      return data.filter((i) => !i.pull_request).map((i) => ({ number: i.number, url: i.html_url, title: i.title }));
    });
  }

  async createIssue(r: RepoRef, issue: { title: string; body: string; labels: string[] }): Promise<IssueRef> {
    return call(`POST /repos/${r.owner}/${r.repo}/issues`, async () => {
      const { data } = await this.octokit.rest.issues.create({ ...r, title: issue.title, body: truncateMarkdown(issue.body, LIMITS.commentBody), labels: issue.labels });
      return { number: data.number, url: data.html_url, title: data.title };
    });
  }

  async closeIssue(r: RepoRef, number: number, comment: string): Promise<void> {
    await this.comment(r, number, comment);
    await call(`PATCH /repos/${r.owner}/${r.repo}/issues/${number}`, () => this.octokit.rest.issues.update({ ...r, issue_number: number, state: 'closed', state_reason: 'completed' }));
  }

  async comment(r: RepoRef, number: number, body: string): Promise<void> {
    await call(`POST /repos/${r.owner}/${r.repo}/issues/${number}/comments`, () => this.octokit.rest.issues.createComment({ ...r, issue_number: number, body: truncateMarkdown(body, LIMITS.commentBody) }));
  }

  async pullRequestOf(r: RepoRef, sha: string): Promise<number | null> {
    return call(
      `GET /repos/${r.owner}/${r.repo}/commits/${sha}/pulls`,
      async () => {
        const { data } = await this.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...r, commit_sha: sha });
        return data.find((p) => p.merged_at !== null)?.number ?? data[0]?.number ?? null;
      },
      { 404: null, 422: null },
    );
  }
}

/** One API call; statuses in `expected` are answers, not failures. */
async function call<T>(what: string, run: () => Promise<T>, expected: Partial<Record<number, T>> = {}): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const status = statusOf(error);
    if (status !== null && status in expected) return expected[status] as T;
    throw toGitHubError(error, what);
  }
}
