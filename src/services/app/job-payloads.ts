/** The inputs of the app's jobs, as stored (JSON) in the queue. */

/** The repository a job works on (its clone URL comes from the App's GitHub host, never from a payload). */
export interface RepoTarget {
  /** `owner/name`. */
  repository: string;
  owner: string;
  repo: string;
  installationId: number;
}

/** Why a compare runs. */
export type CompareTrigger = 'opened' | 'synchronize' | 'reopened' | 'command' | 'rerequested';

/** Measure a pull request: the merge-base of base and head against head. */
export interface CompareJob {
  target: RepoTarget;
  pr: number;
  baseRef: string;
  baseSha: string;
  headSha: string;
  trigger: CompareTrigger;
  /** Who asked (a command or a re-run), or `null` for a push. */
  requestedBy: string | null;
  /** The pull request's author: an automatic run needs their write permission (asked of GitHub in the job). */
  author?: string | null;
}

/** Find the commit between base and head that moved a benchmark (`/perfbot bisect`). */
export interface BisectJob {
  target: RepoTarget;
  /** The pull request that asked for it; `null` for a change point of the default branch. */
  pr: number | null;
  benchmark: string;
  /** `null`: throughput. */
  metric: string | null;
  good: string;
  bad: string;
  requestedBy: string;
  /** For a change point of the default branch: the week of the report that started it. */
  weekOf?: string;
}

/** Record the default branch's new head (a push). */
export interface RecordJob {
  target: RepoTarget;
  sha: string;
}

/** The queue's subject of a pull request's jobs: a newer compare supersedes an older one. */
export function prSubject(pr: number): string {
  return `pr:${pr}`;
}
