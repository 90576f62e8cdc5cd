import type { SqliteResultStore } from '../adapters/store/sqlite-result-store.js';
import { SqliteAppState } from '../adapters/store/sqlite-app-state.js';
import { SqliteJobQueue } from '../adapters/store/sqlite-job-queue.js';
import { SqliteWebhookLedger } from '../adapters/store/sqlite-webhook-ledger.js';
import type { AppRuntime } from '../app/runtime.js';
import type { Job } from '../domain/jobs.js';
import { reportBisectFailure, runBisectJob, type BisectRepository } from '../services/app/bisect-job.js';
import { cancelCheckRun } from '../services/app/check-run.js';
import { reportCompareFailure, runCompareJob, type MeasurePullRequest } from '../services/app/compare-job.js';
import type { GitHub } from '../services/app/github.js';
import { hasRepoTarget, isBisectJob, isCompareJob, type RecordJob, type RepoTarget } from '../services/app/job-payloads.js';
import { reportUnreadableJob } from '../services/app/unreadable-job.js';
import { Worker } from '../services/app/worker.js';
import type { RecordResult } from '../services/record.js';
import type { ReportIssues } from '../services/trends/report-issues.js';
import type { TrendLookups } from '../services/trends/weekly-report.js';
import { runReportJob, type ReportJob } from '../services/trends/report-job.js';
import { tickWeeklyReports } from '../services/trends/weekly-tick.js';
import { SqliteReportState } from '../adapters/store/sqlite-report-state.js';
import { SqliteSeriesStore } from '../adapters/store/sqlite-series-store.js';
import { bisectRepository, measurePullRequest, recordRevision, trendLookups } from './app-measure.js';

export interface AppRuntimeOptions {
  store: SqliteResultStore;
  /** Mirrors, worktrees and installed dependencies. */
  cache: string;
  /** Where repositories are cloned from (`GitHubHost.gitBaseUrl`); default `https://github.com`. */
  gitBaseUrl?: string;
  githubFor(installationId: number): Promise<GitHub>;
  /** The weekly report's issues as one installation. */
  issuesFor(installationId: number): Promise<ReportIssues>;
  log(line: string): void;
  /** Replaces the real compare (tests of the GitHub surface without trials). */
  measure?: (github: GitHub) => MeasurePullRequest;
  bisect?: (github: GitHub) => BisectRepository;
  /** Replaces the real record of a pushed head (tests without trials). */
  record?: (github: GitHub) => (target: RepoTarget, sha: string) => Promise<RecordResult>;
  /** Replaces the mirror-backed lookups of the weekly report (tests without a clone). */
  trendLookups?: (github: GitHub, target: RepoTarget) => Promise<Pick<TrendLookups, 'commitsBetween' | 'commitInfo'>>;
  /** The time, ISO 8601 (tests fix it). */
  now?: () => string;
  leaseMs?: number;
  pollMs?: number;
  /** The first wait after GitHub refused a failure report, in ms (see `WorkerOptions.reportRetryMs`). */
  reportRetryMs?: number;
  progressEveryMs?: number;
  /** Names this process in job leases. */
  owner?: string;
}

/** A job's payload as its kind needs it. @throws Error naming the job's kind when the stored payload is not that */
function readable<P>(job: Job, is: (payload: unknown) => payload is P): P {
  if (!is(job.payload)) throw new Error(`its stored payload is not a valid ${job.kind} job`);
  return job.payload;
}

/** The app assembled: the handlers' runtime, the worker, and a way to wait until all is quiet. */
export interface AssembledApp {
  runtime: AppRuntime;
  worker: Worker;
  /** Resolves once every background task finished and the worker has nothing to do. */
  settled(): Promise<void>;
  /** One tick of the weekly report schedule. @returns the report jobs queued */
  tickWeeklyReports(): number[];
}

/**
 * Wires the app: the job queue and GitHub state in the result store's database, the one
 * worker that runs trials, and the handlers' background lane (GitHub calls made after the
 * webhook was answered).
 */
export function assembleApp(o: AppRuntimeOptions): AssembledApp {
  const queue = new SqliteJobQueue(o.store.db);
  const state = new SqliteAppState(o.store.db);
  const ledger = new SqliteWebhookLedger(o.store.db);
  const reports = new SqliteReportState(o.store.db);
  const series = new SqliteSeriesStore(o.store.db);
  const now = o.now ?? (() => new Date().toISOString());
  const gitBaseUrl = o.gitBaseUrl ?? 'https://github.com';
  const record = o.record ?? ((github) => recordRevision({ github, store: o.store, cache: o.cache, gitBaseUrl }));
  const pending = new Set<Promise<void>>();
  const byJob = new Map<number, Promise<void>>();
  const measure = o.measure ?? ((github) => measurePullRequest({ github, store: o.store, cache: o.cache, gitBaseUrl }));
  const bisect = o.bisect ?? ((github) => bisectRepository({ github, store: o.store, cache: o.cache, gitBaseUrl }));

  const unreadable = { state, githubFor: o.githubFor, log: o.log };
  const worker = new Worker({
    queue,
    owner: o.owner ?? `perfbot-${process.pid}`,
    leaseMs: o.leaseMs,
    reportRetryMs: o.reportRetryMs,
    pollMs: o.pollMs,
    log: o.log,
    before: async (job) => {
      await byJob.get(job.id);
      byJob.delete(job.id);
    },
    handlers: {
      compare: {
        run: async (job, signal) => {
          const p = readable(job, isCompareJob);
          const github = await o.githubFor(p.target.installationId);
          return runCompareJob({ github, state, measure: measure(github), progressEveryMs: o.progressEveryMs }, { ...job, payload: p }, signal);
        },
        failed: async (job, reason) =>
          isCompareJob(job.payload)
            ? reportCompareFailure({ github: await o.githubFor(job.payload.target.installationId), state }, { ...job, payload: job.payload }, reason)
            : reportUnreadableJob(unreadable, job, reason),
        cancelled: async (job) => {
          if (!isCompareJob(job.payload)) return;
          const p = job.payload;
          await cancelCheckRun(await o.githubFor(p.target.installationId), state, p.target, p.headSha, 'A newer push or run of this pull request replaced this one.');
        },
      },
      bisect: {
        run: async (job, signal) => {
          const p = readable(job, isBisectJob);
          const github = await o.githubFor(p.target.installationId);
          return runBisectJob({ github, state, bisect: bisect(github), trend: { reports, issues: await o.issuesFor(p.target.installationId) } }, { ...job, payload: p }, signal);
        },
        failed: async (job, reason) =>
          isBisectJob(job.payload)
            ? reportBisectFailure({ github: await o.githubFor(job.payload.target.installationId) }, { ...job, payload: job.payload }, reason)
            : reportUnreadableJob(unreadable, job, reason),
      },
      record: {
        run: async (job) => {
          const p = readable(job, (x): x is RecordJob => hasRepoTarget(x) && typeof (x as { sha?: unknown }).sha === 'string');
          const result = await record(await o.githubFor(p.target.installationId))(p.target, p.sha);
          return { measured: result.measured.length, failed: result.failed.map((f) => `${f.benchmark ?? 'install'}: ${f.reason}`) };
        },
      },
      report: {
        run: async (job) => {
          const p = readable(job, (x): x is ReportJob => hasRepoTarget(x) && typeof (x as { window?: unknown }).window === 'object');
          const github = await o.githubFor(p.target.installationId);
          const lookups = await (o.trendLookups ?? ((gh, target) => trendLookups({ github: gh, cache: o.cache, gitBaseUrl }, target)))(github, p.target);
          const acknowledgedBy = (repository: string, pr: number, benchmark: string) =>
            state.acksOfPr(repository, pr).find((a) => a.benchmark === benchmark || a.benchmark === '*')?.login ?? null;
          return runReportJob({ store: o.store, series, state: reports, issues: await o.issuesFor(p.target.installationId), queue, wake: () => worker.wake(), lookups, acknowledgedBy, now }, p);
        },
      },
    },
  });

  const runtime: AppRuntime = {
    queue,
    state,
    ledger,
    githubFor: o.githubFor,
    wake: () => worker.wake(),
    log: o.log,
    background(what, task, jobId) {
      const done = task().catch((error: unknown) => o.log(`${what} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`));
      pending.add(done);
      void done.finally(() => pending.delete(done));
      if (jobId !== undefined) byJob.set(jobId, done);
    },
  };

  return {
    runtime,
    worker,
    tickWeeklyReports: () =>
      tickWeeklyReports(
        {
          apps: state,
          reports,
          queue,
          wake: () => worker.wake(),
          targetOf: (repository, installationId) => {
            const [owner = '', repo = ''] = repository.split('/');
            return { repository, owner, repo, installationId };
          },
        },
        now(),
      ),
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
      await worker.idle();
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
