import type { Job, JobKind } from '../../domain/jobs.js';
import type { JobQueue, UnreportedFailure } from '../job-queue.js';
import { failureReason } from './failure-reason.js';

/** What a worker does with one kind of job. */
export interface JobHandler {
  /** Runs the job; `signal` aborts when the job was superseded or the worker stops. @returns the job's result (JSON) */
  run(job: Job, signal: AbortSignal): Promise<unknown>;
  /**
   * Tells the user why the job failed for good; called once per failed job, also for a job
   * that failed while no worker ran it, and for one whose payload could not be read (`null`).
   * Throwing means "not shown": it is tried again later.
   */
  failed?(job: Job, reason: string): Promise<void>;
  /** Tidies up after a superseded job (e.g. its check run). */
  cancelled?(job: Job): Promise<void>;
}

export interface WorkerOptions {
  queue: JobQueue;
  handlers: Partial<Record<JobKind, JobHandler>>;
  /** Names this worker in leases; unique per process. */
  owner: string;
  /** How long a claim holds without renewal, in ms; renewed every third of it. */
  leaseMs?: number;
  /** How often an idle worker looks for jobs whose lease ran out, in ms. */
  pollMs?: number;
  /** The first wait after a failed failure report, in ms (doubling, at most 30 min); default 30 s. */
  reportRetryMs?: number;
  /** Awaited before a job runs (e.g. its queued check run being posted). */
  before?(job: Job): Promise<void>;
  log(line: string): void;
}

/** Tries at showing one failure before the worker gives up on it (and says so in the log). */
export const MAX_REPORT_ATTEMPTS = 8;
/** How long a failure being reported is held from other workers, in ms. */
const REPORT_HOLD_MS = 10 * 60_000;
/** Waits after a database error: 50 ms, doubling, at most 5 s. */
const DB_BACKOFF = { firstMs: 50, mostMs: 5_000 };

type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown };

/**
 * The one worker that runs trials (benchmarks never overlap on a runner): claims the oldest
 * job, renews its lease while it runs, and completes or fails it. A job that throws fails for
 * good; a job whose worker vanished is taken back when its lease runs out and retried while
 * it has attempts left (the queue counts them); a job completes at most once, because only
 * the lease holder can complete it. Every failed job is reported to its user once, retried
 * with a backoff when GitHub refuses. The loop never dies: a database error (a lock held past
 * the busy timeout) is logged and the write tried again with a backoff until it works.
 */
export class Worker {
  private stopping = false;
  private running: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private readonly sleepers = new Set<() => void>();
  private current: AbortController | null = null;
  private idleWaiters: (() => void)[] = [];
  private busy = true;
  /** Counts {@link wake} calls, so a wake that came while the loop was busy elsewhere is not lost. */
  private wakes = 0;

  constructor(private readonly o: WorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** A job was enqueued: look now instead of at the next poll. */
  wake(): void {
    this.busy = true;
    this.wakes++;
    this.wakeUp?.();
  }

  /** Resolves once no job is queued and none is running (at once when the worker is not started). */
  idle(): Promise<void> {
    if (!this.running || !this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops after putting the current job back in the queue (it resumes on the next start). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.current?.abort();
    this.wakeUp?.();
    for (const wake of this.sleepers) wake();
    await this.running;
    this.running = null;
  }

  private async loop(): Promise<void> {
    const leaseMs = this.o.leaseMs ?? 60_000;
    let trouble = 0;
    while (!this.stopping) {
      const wakes = this.wakes;
      try {
        const job = this.o.queue.claim(this.o.owner, leaseMs);
        trouble = 0;
        await this.reportFailures();
        if (job) {
          this.busy = true;
          await this.runOne(job, leaseMs);
          continue;
        }
        if (wakes !== this.wakes) continue; // enqueued while reporting: look again before idling
      } catch (error) {
        const wait = backoff(trouble++);
        this.o.log(`worker: ${failureReason(error)}; trying again in ${wait} ms`);
        await this.pause(wait);
        continue;
      }
      this.busy = false;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.o.pollMs ?? 5_000);
        timer.unref();
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  private async runOne(job: Job, leaseMs: number): Promise<void> {
    const { queue, owner, log } = this.o;
    const handler = this.o.handlers[job.kind];
    if (!handler) {
      await this.retryDb(job, 'mark it failed', () => queue.fail(job.id, owner, `no handler for ${job.kind} jobs in this perfbot`));
      return;
    }
    const controller = new AbortController();
    this.current = controller;
    const renew = setInterval(() => {
      try {
        if (!queue.renew(job.id, owner, leaseMs)) controller.abort();
      } catch (error) {
        log(`job ${job.id}: could not renew its lease: ${failureReason(error)}`);
      }
    }, Math.max(10, leaseMs / 3));
    log(`job ${job.id} (${job.kind} ${job.repository}${job.subject ? ` ${job.subject}` : ''}): started, attempt ${job.attempts}`);
    let outcome: Outcome;
    try {
      await this.o.before?.(job);
      outcome = { ok: true, result: await handler.run(job, controller.signal) };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      clearInterval(renew);
      this.current = null;
    }
    await this.finish(job, handler, outcome);
  }

  /** Writes how the job ended; a write the database refuses is tried again until it works. */
  private async finish(job: Job, handler: JobHandler, outcome: Outcome): Promise<void> {
    const { queue, owner, log } = this.o;
    if (outcome.ok) {
      const completed = await this.retryDb(job, 'store its result', () => queue.complete(job.id, owner, outcome.result ?? null));
      if (completed === undefined) return; // stopping: the lease runs out and the job runs again
      if (completed) return log(`job ${job.id}: done`);
    }
    const cancelled = await this.retryDb(job, 'read its state', () => queue.isCancelled(job.id));
    if (cancelled) return this.cancelled(handler, job);
    if (cancelled === undefined) return;
    if (outcome.ok) return log(`job ${job.id}: finished after its lease was taken back; its result is dropped`);
    if (this.stopping) {
      await this.retryDb(job, 'put it back in the queue', () => queue.release(job.id, owner));
      return;
    }
    const reason = failureReason(outcome.error);
    log(`job ${job.id}: failed: ${reason}`);
    await this.retryDb(job, 'mark it failed', () => queue.fail(job.id, owner, reason));
  }

  /** Shows every failure not shown yet (the queue hands each to one worker at a time). */
  private async reportFailures(): Promise<void> {
    const { queue, log } = this.o;
    let due: UnreportedFailure[];
    try {
      due = queue.claimUnreported(REPORT_HOLD_MS, 20);
    } catch (error) {
      log(`worker: could not look for failures to report: ${failureReason(error)}`);
      return;
    }
    for (const { job, attempt } of due) {
      const report = this.o.handlers[job.kind]?.failed;
      let refused: string | null = null;
      try {
        await report?.(job, job.error ?? 'failed');
      } catch (error) {
        refused = failureReason(error);
      }
      if (refused === null || attempt >= MAX_REPORT_ATTEMPTS) {
        if (refused !== null) log(`job ${job.id}: gave up reporting its failure after ${attempt} tries: ${refused}`);
        else if (report) log(`job ${job.id}: its failure was reported`);
        await this.retryDb(job, 'note that its failure was reported', () => queue.markReported(job.id));
        continue;
      }
      const wait = Math.min((this.o.reportRetryMs ?? 30_000) * 2 ** (attempt - 1), 30 * 60_000);
      log(`job ${job.id}: could not report its failure (try ${attempt} of ${MAX_REPORT_ATTEMPTS}): ${refused}; trying again in ${wait} ms`);
      try {
        queue.deferReport(job.id, Date.now() + wait);
      } catch (error) {
        log(`job ${job.id}: could not schedule the next report: ${failureReason(error)}`);
      }
    }
  }

  /** Runs a queue write until it works. @returns its value, or `undefined` when the worker stopped first */
  private async retryDb<T>(job: Job, what: string, write: () => T): Promise<T | undefined> {
    for (let tries = 0; ; tries++) {
      try {
        return write();
      } catch (error) {
        if (this.stopping) {
          this.o.log(`job ${job.id}: could not ${what} before stopping: ${failureReason(error)}`);
          return undefined;
        }
        const wait = backoff(tries);
        this.o.log(`job ${job.id}: could not ${what}: ${failureReason(error)}; trying again in ${wait} ms`);
        await this.pause(wait);
      }
    }
  }

  /** Waits `ms`, or less when the worker stops. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private async cancelled(handler: JobHandler, job: Job): Promise<void> {
    this.o.log(`job ${job.id}: superseded`);
    await handler.cancelled?.(job).catch((e: unknown) => this.o.log(`job ${job.id}: could not tidy up: ${failureReason(e)}`));
  }
}

/** The wait after `tries` database errors in a row, in ms. */
function backoff(tries: number): number {
  return Math.min(DB_BACKOFF.firstMs * 2 ** tries, DB_BACKOFF.mostMs);
}
