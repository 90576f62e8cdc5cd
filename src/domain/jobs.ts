/**
 * Job vocabulary of perfbot's queue: what the GitHub App enqueues (a compare for a pull
 * request, a bisect, a record of the default branch, a weekly report) and a worker runs.
 * Pure types and helpers: no I/O.
 */

/** Every kind of job. */
export const JOB_KINDS = ['compare', 'bisect', 'record', 'report'] as const;
/** What a job does. */
export type JobKind = (typeof JOB_KINDS)[number];

/** Every state of a job. */
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
/**
 * Where a job is: `queued` waits for a worker, `running` is leased by one, `done`, `failed`
 * and `cancelled` are final.
 */
export type JobState = (typeof JOB_STATES)[number];

/** A job in the queue; `P` is the payload's shape, which depends on `kind`. */
export interface Job<P = unknown> {
  id: number;
  kind: JobKind;
  /** `owner/name` on GitHub. */
  repository: string;
  /** What the job is about, e.g. `pr:12`; a newer job with the same repository and subject may supersede it. `null` when about nothing in particular. */
  subject: string | null;
  /** The job's input, as JSON round-trips it. */
  payload: P;
  state: JobState;
  /** How many times a worker claimed it (a release on shutdown does not count). */
  attempts: number;
  /** Claims allowed before a job whose worker keeps vanishing fails. */
  maxAttempts: number;
  /** One line: why it failed or was cancelled; `null` otherwise. */
  error: string | null;
  /** What the worker completed it with (JSON); `null` until done. */
  result: unknown;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Milliseconds since the epoch. */
  updatedAt: number;
}

/** @returns whether a job in this state will never run again */
export function isFinalState(state: JobState): boolean {
  return state === 'done' || state === 'failed' || state === 'cancelled';
}

/** Longest failure reason kept, in characters. */
export const MAX_REASON_LENGTH = 500;

/**
 * Makes a failure reason one line: its first non-empty line, trimmed, cut to
 * {@link MAX_REASON_LENGTH} characters (an ellipsis marks a cut).
 * @returns the line, or `'failed'` when the text is blank
 */
export function oneLineReason(text: string): string {
  const line = text.split(/\r\n|\r|\n/).map((l) => l.trim()).find((l) => l !== '') ?? 'failed';
  return line.length > MAX_REASON_LENGTH ? `${line.slice(0, MAX_REASON_LENGTH - 1)}…` : line;
}
