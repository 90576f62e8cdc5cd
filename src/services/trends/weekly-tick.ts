import { previousWeek } from '../../domain/trends/build-report.js';
import type { AppState } from '../app/app-state.js';
import type { RepoTarget } from '../app/job-payloads.js';
import type { JobQueue } from '../job-queue.js';
import type { ReportJob } from './report-job.js';
import type { ReportState } from './report-state.js';

export interface WeeklyTickDeps {
  apps: AppState;
  reports: ReportState;
  queue: JobQueue;
  wake(): void;
  /** How to reach a repository by name (its clone URL). */
  targetOf(repository: string, installationId: number): RepoTarget;
}

/**
 * One tick of the weekly schedule: queues a report job for every installed repository whose
 * report of the past week was neither filed nor queued yet. Ticking again in the same week (a
 * restart, a second schedule) queues nothing.
 * @param now ISO 8601
 * @returns the jobs queued
 */
export function tickWeeklyReports(deps: WeeklyTickDeps, now: string): number[] {
  const window = previousWeek(now);
  const subject = `report:${window.weekOf}`;
  const queued: number[] = [];
  for (const { repository, installationId } of deps.apps.repositories()) {
    if (deps.reports.filed(repository, window.weekOf)) continue;
    if (deps.queue.list({ repository, subject, state: ['queued', 'running', 'done'] }).length > 0) continue;
    const payload: ReportJob = { target: deps.targetOf(repository, installationId), window };
    queued.push(deps.queue.enqueue({ kind: 'report', repository, subject, payload }).job.id);
  }
  if (queued.length > 0) deps.wake();
  return queued;
}
