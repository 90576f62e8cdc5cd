import { oneLineReason, type Job, type JobKind } from '../../domain/jobs.js';
import type { JobQueue } from '../job-queue.js';

/** What a worker does with one kind of job. */
export interface JobHandler {
  /** Runs the job; `signal` aborts when the job was superseded or the worker stops. @returns the job's result (JSON) */
  run(job: Job, signal: AbortSignal): Promise<unknown>;
  /** Tells the user why the job failed for good. */
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
  /** Awaited before a job runs (e.g. its queued check run being posted). */
  before?(job: Job): Promise<void>;
  log(line: string): void;
}

/**
 * The one worker that runs trials (benchmarks never overlap on a runner): claims the oldest
 * job, renews its lease while it runs, and completes or fails it. A job that throws fails for
 * good with its reason shown to the user; a job whose worker vanished is taken back when its
 * lease runs out and retried once (the queue counts attempts); a job completes at most once,
 * because only the lease holder can complete it.
 */
export class Worker {
  private stopping = false;
  private running: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private current: AbortController | null = null;
  private idleWaiters: (() => void)[] = [];
  private busy = true;

  constructor(private readonly o: WorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** A job was enqueued: look now instead of at the next poll. */
  wake(): void {
    this.busy = true;
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
    await this.running;
    this.running = null;
  }

  private async loop(): Promise<void> {
    const leaseMs = this.o.leaseMs ?? 60_000;
    while (!this.stopping) {
      const job = this.o.queue.claim(this.o.owner, leaseMs);
      if (job) {
        this.busy = true;
        await this.runOne(job, leaseMs);
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
      queue.fail(job.id, owner, `no handler for ${job.kind} jobs in this perfbot`);
      return;
    }
    const controller = new AbortController();
    this.current = controller;
    const renew = setInterval(() => {
      if (!queue.renew(job.id, owner, leaseMs)) controller.abort();
    }, Math.max(10, leaseMs / 3));
    log(`job ${job.id} (${job.kind} ${job.repository}${job.subject ? ` ${job.subject}` : ''}): started, attempt ${job.attempts}`);
    try {
      await this.o.before?.(job);
      const result = await handler.run(job, controller.signal);
      if (queue.complete(job.id, owner, result ?? null)) log(`job ${job.id}: done`);
      else if (queue.isCancelled(job.id)) await this.cancelled(handler, job);
    } catch (error) {
      if (queue.isCancelled(job.id)) await this.cancelled(handler, job);
      else if (this.stopping) queue.release(job.id, owner);
      else {
        const reason = oneLineReason(error instanceof Error ? error.message : String(error));
        log(`job ${job.id}: failed: ${reason}`);
        if (queue.fail(job.id, owner, reason)) await handler.failed?.(job, reason).catch((e: unknown) => log(`job ${job.id}: could not report its failure: ${oneLineReason(String(e))}`));
      }
    } finally {
      clearInterval(renew);
      this.current = null;
    }
  }

  private async cancelled(handler: JobHandler, job: Job): Promise<void> {
    this.o.log(`job ${job.id}: superseded`);
    await handler.cancelled?.(job).catch((e: unknown) => this.o.log(`job ${job.id}: could not tidy up: ${oneLineReason(String(e))}`));
  }
}
