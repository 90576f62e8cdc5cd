import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MetricComparison } from '../../domain/comparison.js';
import { median } from '../../domain/descriptive.js';
import type { Fingerprint } from '../../domain/fingerprint.js';
import { fingerprintKey } from '../../domain/fingerprint.js';
import { METRICS } from '../../domain/metrics.js';
import type { TrialOutcome, TrialResult } from '../../domain/trial.js';
import type { ResultStore, RunKind, RunStatus, StoredTrial, TrialKey } from '../../services/ports.js';
import { migrate } from './migrations.js';

/** Commit metadata as stored with a revision. */
export interface RevisionRecord {
  sha: string;
  parents: string[];
  author: string | null;
  authorDate: string | null;
  subject: string | null;
}

export interface NewRun {
  repositoryId: number;
  kind: RunKind;
  baseSha?: string | null;
  headSha?: string | null;
  mergeBaseSha?: string | null;
  trigger?: string;
  args?: unknown;
}

export interface NewTrial extends TrialKey {
  runId: number;
  name: string;
  pairIndex: number | null;
  side: 'base' | 'head' | null;
  outcome: TrialOutcome;
}

const now = () => new Date().toISOString();
const NO_OUTPUT = { stdoutTail: '', stderrTail: '', stdoutBytes: 0, stderrBytes: 0 };

interface TrialRow {
  id: number;
  run_id: number;
  pair_index: number | null;
  side: 'base' | 'head' | null;
  outcome: TrialOutcome['kind'];
  reason: string;
  wall_ms: number;
  result: string | null;
  histogram: string | null;
}

/** How long a write waits for another connection's lock by default, in ms. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * The result store on SQLite (WAL, foreign keys, migrations by `PRAGMA user_version`).
 * Every multi-row write is one transaction, so a killed perfbot leaves whole trials only.
 */
export class SqliteResultStore implements ResultStore {
  readonly db: Database.Database;

  /**
   * Opens (creating it when missing) and migrates the database file.
   * @param options.busyTimeoutMs how long a write waits for another connection's lock before it fails with `SQLITE_BUSY` (default 5000 ms)
   */
  constructor(file: string, options: { busyTimeoutMs?: number } = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    migrate(this.db);
  }

  close(): void {
    this.db.close();
  }

  /** @returns the id of the repository, adding it when new */
  repositoryId(key: string): number {
    this.db.prepare('INSERT INTO repositories (key, created_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, now());
    return (this.db.prepare('SELECT id FROM repositories WHERE key = ?').get(key) as { id: number }).id;
  }

  /** @returns the id of the revision, adding or completing its commit metadata */
  revisionId(repositoryId: number, revision: RevisionRecord): number {
    this.db
      .prepare(
        `INSERT INTO revisions (repository_id, sha, parents, author, author_date, subject) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (repository_id, sha) DO UPDATE SET parents = excluded.parents,
           author = coalesce(excluded.author, author), author_date = coalesce(excluded.author_date, author_date),
           subject = coalesce(excluded.subject, subject)`,
      )
      .run(repositoryId, revision.sha, revision.parents.join(' '), revision.author, revision.authorDate, revision.subject);
    return (this.db.prepare('SELECT id FROM revisions WHERE repository_id = ? AND sha = ?').get(repositoryId, revision.sha) as { id: number }).id;
  }

  /** @returns the id of the fingerprint, adding it when new */
  fingerprintId(f: Fingerprint): number {
    const key = fingerprintKey(f);
    this.db
      .prepare('INSERT INTO fingerprints (key, runner, cpu, cores, node, harness, pinning) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING')
      .run(key, f.runner, f.cpu, f.cores, f.node, f.harness, f.pinning);
    return (this.db.prepare('SELECT id FROM fingerprints WHERE key = ?').get(key) as { id: number }).id;
  }

  startRun(run: NewRun): number {
    const info = this.db
      .prepare(
        `INSERT INTO runs (repository_id, kind, base_sha, head_sha, merge_base_sha, trigger, status, pid, args, started_at)
         VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)`,
      )
      .run(run.repositoryId, run.kind, run.baseSha ?? null, run.headSha ?? null, run.mergeBaseSha ?? null, run.trigger ?? 'cli', process.pid, JSON.stringify(run.args ?? null), now());
    return Number(info.lastInsertRowid);
  }

  finishRun(runId: number, status: Exclude<RunStatus, 'running'>, error: string | null = null): void {
    this.db.prepare('UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE id = ?').run(status, error, now(), runId);
  }

  /** @returns a run's status, or `null` for an unknown id */
  runStatus(runId: number): RunStatus | null {
    const row = this.db.prepare('SELECT status FROM runs WHERE id = ?').get(runId) as { status: RunStatus } | undefined;
    return row?.status ?? null;
  }

  /**
   * Marks runs left `running` by a process that is gone (killed, crashed) as interrupted.
   * @param isAlive tells whether a pid still runs
   * @returns how many runs were marked
   */
  markInterrupted(isAlive: (pid: number) => boolean): number {
    const stale = (this.db.prepare("SELECT id, pid FROM runs WHERE status = 'running'").all() as { id: number; pid: number | null }[]).filter(
      (r) => r.pid === null || (r.pid !== process.pid && !isAlive(r.pid)),
    );
    const mark = this.db.prepare("UPDATE runs SET status = 'interrupted', error = 'the process running it stopped', finished_at = ? WHERE id = ?");
    this.db.transaction(() => stale.forEach((r) => mark.run(now(), r.id)))();
    return stale.length;
  }

  /** Stores one trial with its samples and histogram, in one transaction. @returns the trial id */
  recordTrial(t: NewTrial): number {
    const result = t.outcome.kind === 'ok' ? t.outcome.result : null;
    const histogram = result?.latency?.histogram ?? null;
    const stored = result ? JSON.stringify({ ...result, latency: result.latency ? { ...result.latency, histogram: '' } : null }) : null;
    return this.db.transaction(() => {
      const info = this.db
        .prepare(
          `INSERT INTO trials (run_id, revision_id, benchmark, name, suite_hash, fingerprint_id, options_hash, pair_index, side,
             outcome, reason, wall_ms, result, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(t.runId, t.revisionId, t.benchmark, t.name, t.suiteHash, t.fingerprintId, t.optionsHash, t.pairIndex, t.side, t.outcome.kind, t.outcome.reason, t.outcome.wallMs, stored, now());
      const id = Number(info.lastInsertRowid);
      if (result) {
        const sample = this.db.prepare('INSERT INTO samples (trial_id, metric, value) VALUES (?, ?, ?)');
        for (const metric of METRICS) {
          const value = metric.read(result);
          if (value !== null && Number.isFinite(value)) sample.run(id, metric.name, value);
        }
        if (histogram) this.db.prepare('INSERT INTO histograms (trial_id, data) VALUES (?, ?)').run(id, histogram);
      }
      return id;
    })();
  }

  /** Every stored trial with this key, oldest first. */
  trials(key: TrialKey): StoredTrial[] {
    const rows = this.db
      .prepare(
        `SELECT t.id, t.run_id, t.pair_index, t.side, t.outcome, t.reason, t.wall_ms, t.result, h.data AS histogram
         FROM trials t LEFT JOIN histograms h ON h.trial_id = t.id
         WHERE t.revision_id = ? AND t.benchmark = ? AND t.suite_hash = ? AND t.fingerprint_id = ? AND t.options_hash = ?
         ORDER BY t.id`,
      )
      .all(key.revisionId, key.benchmark, key.suiteHash, key.fingerprintId, key.optionsHash) as TrialRow[];
    return rows.map(toStoredTrial);
  }

  /**
   * Pairs measured earlier between these two revisions (same benchmark code, machine and
   * options), from any compare run, including interrupted ones: their finished pairs are whole.
   */
  pairs(base: TrialKey, headRevisionId: number): { base: TrialOutcome; head: TrialOutcome }[] {
    const baseTrials = this.trials(base).filter((t) => t.side === 'base' && t.pairIndex !== null);
    const headTrials = this.trials({ ...base, revisionId: headRevisionId }).filter((t) => t.side === 'head' && t.pairIndex !== null);
    const heads = new Map(headTrials.map((t) => [`${t.runId}:${t.pairIndex}`, t]));
    return baseTrials.flatMap((b) => {
      const h = heads.get(`${b.runId}:${b.pairIndex}`);
      return h ? [{ base: b.outcome, head: h.outcome }] : [];
    });
  }

  /** Stores the comparisons of a run (replacing earlier ones of the same run), in one transaction. */
  saveComparisons(runId: number, rows: readonly { benchmark: string; pairs: number; comparison: MetricComparison }[]): void {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO comparisons (run_id, benchmark, metric, base_median, head_median, pairs, change, ci_low, ci_high, p,
         threshold, threshold_source, verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const { benchmark, pairs, comparison: c } of rows) {
        insert.run(runId, benchmark, c.metric, c.base.median, c.head.median, pairs, c.change, c.ci?.[0] ?? null, c.ci?.[1] ?? null, c.p, c.threshold, c.thresholdSource, c.verdict);
      }
    })();
  }

  /**
   * Medians of a metric per revision measured by `record` runs, oldest revision first (by
   * author date): the series a threshold is learned from.
   */
  seriesMedians(repositoryId: number, benchmark: string, metric: string, fingerprintId: number): number[] {
    const rows = this.db
      .prepare(
        `SELECT r.id AS revision, s.value AS value FROM trials t
         JOIN runs ru ON ru.id = t.run_id AND ru.kind = 'record'
         JOIN revisions r ON r.id = t.revision_id AND r.repository_id = ?
         JOIN samples s ON s.trial_id = t.id AND s.metric = ?
         WHERE t.benchmark = ? AND t.fingerprint_id = ? AND t.outcome = 'ok'
         ORDER BY r.author_date, r.id`,
      )
      .all(repositoryId, metric, benchmark, fingerprintId) as { revision: number; value: number }[];
    const byRevision = new Map<number, number[]>();
    for (const row of rows) byRevision.set(row.revision, [...(byRevision.get(row.revision) ?? []), row.value]);
    return [...byRevision.values()].map((values) => median(values)!);
  }

  /** `PRAGMA integrity_check`: `ok` or the first problem. */
  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }
}

function toStoredTrial(row: TrialRow): StoredTrial {
  let outcome: TrialOutcome;
  const base = { reason: row.reason, wallMs: row.wall_ms, output: NO_OUTPUT };
  if (row.outcome === 'ok' && row.result) {
    const result = JSON.parse(row.result) as TrialResult;
    if (result.latency) result.latency.histogram = row.histogram ?? '';
    outcome = { ...base, kind: 'ok', result };
  } else if (row.outcome === 'timeout') {
    outcome = { ...base, kind: 'timeout', timeout: row.reason.includes('no progress') ? 'inactivity' : 'wall-clock', phase: null };
  } else if (row.outcome === 'out-of-memory') {
    outcome = { ...base, kind: 'out-of-memory', limitMb: 0 };
  } else if (row.outcome === 'invalid-output') {
    outcome = { ...base, kind: 'invalid-output' };
  } else {
    outcome = { ...base, kind: 'failed', exitCode: null, signal: null, phase: null };
  }
  return { id: row.id, runId: row.run_id, pairIndex: row.pair_index, side: row.side, outcome };
}
