import type Database from 'better-sqlite3';
import type { WebhookLedger } from '../../services/app/webhook-ledger.js';
import { migrate } from './migrations.js';
import { statementCache } from './statements.js';

/** How long a delivery id is remembered: GitHub's redeliveries come within days. */
export const DELIVERY_MEMORY_MS = 30 * 24 * 3600_000;

/** The webhook ledger in perfbot's SQLite database (tables of `db/007-webhooks.sql`). */
export class SqliteWebhookLedger implements WebhookLedger {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Database.Database) {
    migrate(db);
    this.sql = statementCache(db);
  }

  firstDelivery(id: string, event: string, now: number): boolean {
    this.sql('DELETE FROM deliveries WHERE received_at < ?').run(now - DELIVERY_MEMORY_MS);
    return this.sql('INSERT OR IGNORE INTO deliveries (id, event, received_at) VALUES (?, ?, ?)').run(id, event, now).changes > 0;
  }

  recordHead(repository: string, pr: number, headSha: string, since: number): void {
    // One row per event: a head force-pushed away and back is the head again from then on.
    this.sql('INSERT OR IGNORE INTO pr_heads (repository, pr, head_sha, since) VALUES (?, ?, ?, ?)').run(repository, pr, headSha, since);
  }

  heads(repository: string, pr: number): { sha: string; since: number }[] {
    return this.sql('SELECT head_sha AS sha, since FROM pr_heads WHERE repository = ? AND pr = ? ORDER BY since').all(repository, pr) as { sha: string; since: number }[];
  }
}
