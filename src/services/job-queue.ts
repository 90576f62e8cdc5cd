import type { Job, JobKind, JobState } from '../domain/jobs.js';

/** A job to add to the queue. */
export interface EnqueueInput<P = unknown> {
  kind: JobKind;
  /** `owner/name` on GitHub. */
  repository: string;
  /** What the job is about, e.g. `pr:12`; `null` (the default) when about nothing in particular. */
  subject?: string | null;
  /** The job's input; stored as JSON (`undefined` becomes `null`). */
  payload: P;
  /** Cancel the queued and running jobs of the same repository and subject (no effect without a subject). */
  supersede?: boolean;
  /** Claims allowed before a job whose worker keeps vanishing fails; at least 1, default 2. */
  maxAttempts?: number;
}

/** What enqueueing did. */
export interface Enqueued<P = unknown> {
  job: Job<P>;
  /** Queued or running jobs before it (the position in the queue, 0 = next). */
  ahead: number;
  /** The jobs it superseded, now `cancelled`, oldest first. */
  superseded: Job[];
}

/** Which jobs {@link JobQueue.list} returns; every field given must match. */
export interface JobFilter {
  state?: JobState | readonly JobState[];
  kind?: JobKind;
  repository?: string;
  subject?: string;
  /** At most this many, oldest first. */
  limit?: number;
}

/** A failed job whose failure is to be shown to its user now (see {@link JobQueue.claimUnreported}). */
export interface UnreportedFailure {
  job: Job;
  /** Which try at reporting this is: 1 the first time. */
  attempt: number;
}

/**
 * The durable job queue (adapter: SqliteJobQueue). The webhook handler enqueues; workers
 * claim a job with a lease, renew the lease while they run it, and complete, fail or
 * release it. A worker that vanishes loses its lease when it runs out; the job runs again
 * until `maxAttempts` claims were made, then fails. Jobs are claimed oldest first (FIFO
 * by id). Every change is atomic, also across processes sharing the database file.
 * Methods that take an `owner` do nothing and return `false` when that owner no longer
 * holds the job (it was cancelled, or its lease ran out and it was taken back), so a job
 * never finishes twice. A lease that ran out but was not yet taken back still counts.
 * Times in milliseconds.
 */
export interface JobQueue {
  /** Adds a job at the end of the queue, cancelling the jobs it supersedes (see {@link EnqueueInput.supersede}). */
  enqueue<P>(input: EnqueueInput<P>): Enqueued<P>;

  /**
   * Takes the oldest queued job for `owner` for `leaseMs` milliseconds, counting an attempt.
   * First takes back every running job whose lease ran out: queued again while it has
   * attempts left, else failed with `interrupted <attempts> times`.
   * A queued job whose stored payload is not valid JSON fails there (`its stored payload is
   * not valid JSON`) and the next one is taken: one broken row never stops the queue.
   * @returns the job, now `running`, or `null` when none is queued
   */
  claim(owner: string, leaseMs: number): Job | null;

  /**
   * Takes up to `limit` failed jobs whose failure was not reported yet and whose next try is
   * due, oldest first, holding each for `holdMs` (another worker skips it meanwhile) and
   * counting a report attempt. Covers jobs failed by {@link claim} while no worker ran them.
   */
  claimUnreported(holdMs: number, limit: number): UnreportedFailure[];

  /** The job's failure was shown to its user (or given up on): it is never reported again. */
  markReported(id: number): void;

  /** Reporting the failure did not work: try again no earlier than `at` (ms since the epoch). */
  deferReport(id: number, at: number): void;

  /**
   * Extends the lease of a running job to `leaseMs` from now.
   * @returns `false` when `owner` no longer holds the job (e.g. it was cancelled): stop working on it
   */
  renew(id: number, owner: string, leaseMs: number): boolean;

  /** Marks a job `done` with its result (stored as JSON). @returns `false` when `owner` no longer holds it */
  complete(id: number, owner: string, result: unknown): boolean;

  /** Marks a job `failed` for good; `error` is kept as one line. @returns `false` when `owner` no longer holds it */
  fail(id: number, owner: string, error: string): boolean;

  /**
   * Puts a running job back in the queue without counting the attempt (a graceful shutdown).
   * @returns `false` when `owner` no longer holds it
   */
  release(id: number, owner: string): boolean;

  /** @returns whether the job was cancelled (a worker checks between trials); `false` for an unknown id */
  isCancelled(id: number): boolean;

  /** @returns the job, or `null` for an unknown id */
  get(id: number): Job | null;

  /** @returns how many queued or running jobs have a smaller id (0 = next to run) */
  ahead(id: number): number;

  /** @returns the jobs matching `filter` (all without one), oldest first */
  list(filter?: JobFilter): Job[];
}
