import type { AppState } from '../services/app/app-state.js';
import type { GitHub } from '../services/app/github.js';
import type { RepoTarget } from '../services/app/job-payloads.js';
import type { JobQueue } from '../services/job-queue.js';
import type { WebhookLedger } from '../services/app/webhook-ledger.js';

/** What the webhook handlers use: the queue, the app's state, GitHub, and a background lane. */
export interface AppRuntime {
  queue: JobQueue;
  state: AppState;
  /** Deliveries handled and pull request heads seen. */
  ledger: WebhookLedger;
  /** GitHub as one installation. */
  githubFor(installationId: number): Promise<GitHub>;
  /** A job was enqueued: the worker should look now. */
  wake(): void;
  /**
   * Runs GitHub calls after the webhook was answered (announcing a queued check run, replies
   * to commands). `jobId`: the worker waits for this task before running that job.
   */
  background(what: string, task: () => Promise<void>, jobId?: number): void;
  log(line: string): void;
}

/** A repository's target from a payload's repository and installation. */
export function targetOf(repository: { full_name: string }, installationId: number): RepoTarget {
  const [owner = '', repo = ''] = repository.full_name.split('/');
  return { repository: repository.full_name, owner, repo, installationId };
}
