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

/** The queue's subject of a pull request's `/perfbot bisect` jobs. */
export function bisectSubject(pr: number): string {
  return `bisect:${pr}`;
}

/** @returns the pull request a job's subject (`pr:N`, `bisect:N`) is about, or `null` */
export function prOfSubject(subject: string | null): number | null {
  const m = /^(?:pr|bisect):([1-9]\d{0,9})$/.exec(subject ?? '');
  return m ? Number(m[1]) : null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isPr = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

/** @returns whether a stored payload names a repository the way every job's `target` does */
export function hasRepoTarget(payload: unknown): payload is { target: RepoTarget } {
  if (!isObject(payload) || !isObject(payload.target)) return false;
  const t = payload.target;
  return isText(t.repository) && isText(t.owner) && isText(t.repo) && Number.isInteger(t.installationId);
}

/** @returns whether a stored payload has what a compare job (and its failure report) reads */
export function isCompareJob(payload: unknown): payload is CompareJob {
  return hasRepoTarget(payload) && isPr((payload as Record<string, unknown>).pr) && isText((payload as Record<string, unknown>).headSha);
}

/** @returns whether a stored payload has what a bisect job's failure report reads */
export function isBisectJob(payload: unknown): payload is BisectJob {
  if (!hasRepoTarget(payload)) return false;
  const p = payload as Record<string, unknown>;
  return (p.pr === null || isPr(p.pr)) && isText(p.benchmark) && isText(p.requestedBy);
}
