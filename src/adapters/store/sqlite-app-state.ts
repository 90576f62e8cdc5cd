import type Database from 'better-sqlite3';
import type { CheckFacts } from '../../domain/check-conclusion.js';
import type { Ack, AppState, StoredCheckRun } from '../../services/app/app-state.js';
import type { CheckConclusion } from '../../services/app/github.js';
import { migrate } from './migrations.js';
import { statementCache } from './statements.js';

/** The app's GitHub state in perfbot's SQLite database (tables of `db/003-github.sql`). */
export class SqliteAppState implements AppState {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(
    db: Database.Database,
    private readonly clock: () => number = Date.now,
  ) {
    migrate(db);
    this.sql = statementCache(db);
  }

  commentId(repository: string, pr: number): number | null {
    const row = this.sql('SELECT comment_id FROM pr_comments WHERE repository = ? AND pr = ?').get(repository, pr) as { comment_id: number } | undefined;
    return row?.comment_id ?? null;
  }

  saveCommentId(repository: string, pr: number, commentId: number): void {
    this.sql('INSERT INTO pr_comments (repository, pr, comment_id, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (repository, pr) DO UPDATE SET comment_id = excluded.comment_id, updated_at = excluded.updated_at')
      .run(repository, pr, commentId, this.clock());
  }

  checkRun(repository: string, headSha: string): StoredCheckRun | null {
    const row = this.sql('SELECT check_run_id, pr, conclusion, summary, facts FROM check_runs WHERE repository = ? AND head_sha = ?').get(repository, headSha) as
      | { check_run_id: number; pr: number | null; conclusion: CheckConclusion | null; summary: string | null; facts: string | null }
      | undefined;
    return row ? { checkRunId: row.check_run_id, pr: row.pr, conclusion: row.conclusion, summary: row.summary, facts: row.facts ? (JSON.parse(row.facts) as CheckFacts) : null } : null;
  }

  saveCheckRun(repository: string, headSha: string, run: StoredCheckRun): void {
    this.sql(
        `INSERT INTO check_runs (repository, head_sha, check_run_id, pr, conclusion, summary, facts) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (repository, head_sha) DO UPDATE SET check_run_id = excluded.check_run_id, pr = excluded.pr,
           conclusion = excluded.conclusion, summary = excluded.summary, facts = excluded.facts`,
      )
      .run(repository, headSha, run.checkRunId, run.pr, run.conclusion, run.summary, run.facts === null ? null : JSON.stringify(run.facts));
  }

  addAck(repository: string, pr: number, headSha: string, ack: Ack): void {
    this.sql('INSERT INTO acks (repository, pr, head_sha, benchmark, login, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(repository, pr, headSha, ack.benchmark, ack.login, ack.reason, this.clock());
  }

  acks(repository: string, pr: number, headSha: string): Ack[] {
    return this.sql('SELECT benchmark, login, reason FROM acks WHERE repository = ? AND pr = ? AND head_sha = ? ORDER BY id')
      .all(repository, pr, headSha) as Ack[];
  }

  acksOfPr(repository: string, pr: number): Ack[] {
    return this.sql('SELECT benchmark, login, reason FROM acks WHERE repository = ? AND pr = ? ORDER BY id').all(repository, pr) as Ack[];
  }

  registerRepository(repository: string, installationId: number, defaultBranch: string | null): void {
    this.sql(
        `INSERT INTO installations (repository, installation_id, default_branch, added_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (repository) DO UPDATE SET installation_id = excluded.installation_id,
           default_branch = coalesce(excluded.default_branch, installations.default_branch), removed_at = NULL`,
      )
      .run(repository, installationId, defaultBranch, this.clock());
  }

  unregisterRepository(repository: string): void {
    this.sql('UPDATE installations SET removed_at = ? WHERE repository = ? AND removed_at IS NULL').run(this.clock(), repository);
  }

  installationOf(repository: string): { installationId: number; defaultBranch: string | null } | null {
    const row = this.sql('SELECT installation_id, default_branch FROM installations WHERE repository = ? AND removed_at IS NULL').get(repository) as
      | { installation_id: number; default_branch: string | null }
      | undefined;
    return row ? { installationId: row.installation_id, defaultBranch: row.default_branch } : null;
  }

  repositories(): { repository: string; installationId: number }[] {
    return this.sql('SELECT repository, installation_id AS installationId FROM installations WHERE removed_at IS NULL ORDER BY repository').all() as {
      repository: string;
      installationId: number;
    }[];
  }
}
