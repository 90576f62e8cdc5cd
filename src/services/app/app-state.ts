import type { CheckFacts } from '../../domain/check-conclusion.js';
import type { CheckConclusion } from './github.js';

/** An acknowledgement of a regression, given with `/perfbot ack` or the check's button. */
export interface Ack {
  benchmark: string;
  login: string;
  reason: string | null;
}

/** The check run reporting on one head sha. */
export interface StoredCheckRun {
  checkRunId: number;
  pr: number | null;
  conclusion: CheckConclusion | null;
  /** The completed check's summary (markdown), or `null` before completion. */
  summary: string | null;
  /** What decided the conclusion, so an acknowledgement can decide again; `null` before completion. */
  facts: CheckFacts | null;
}

/**
 * What the app remembers about GitHub objects so that every job is idempotent (adapter:
 * SqliteAppState): the sticky comment of a PR, the check run of a head sha, acknowledgements,
 * and the repositories the app is installed on. `repository` is `owner/name`.
 */
export interface AppState {
  /** @returns the sticky comment's id, or `null` when none was posted yet */
  commentId(repository: string, pr: number): number | null;
  saveCommentId(repository: string, pr: number, commentId: number): void;
  checkRun(repository: string, headSha: string): StoredCheckRun | null;
  saveCheckRun(repository: string, headSha: string, run: StoredCheckRun): void;
  addAck(repository: string, pr: number, headSha: string, ack: Ack): void;
  /** @returns the acknowledgements given on this head, oldest first */
  acks(repository: string, pr: number, headSha: string): Ack[];
  /** @returns every acknowledgement given on a pull request, whatever its head, oldest first */
  acksOfPr(repository: string, pr: number): Ack[];
  registerRepository(repository: string, installationId: number, defaultBranch: string | null): void;
  unregisterRepository(repository: string): void;
  /** @returns the installation of a registered repository, or `null` */
  installationOf(repository: string): { installationId: number; defaultBranch: string | null } | null;
  /** Every repository the app is installed on now, by name. */
  repositories(): { repository: string; installationId: number }[];
}
