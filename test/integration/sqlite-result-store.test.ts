import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseVersionError, migrate, migrationFiles } from '../../src/adapters/store/migrations.js';
import { SqliteResultStore } from '../../src/adapters/store/sqlite-result-store.js';
import type { Fingerprint } from '../../src/domain/fingerprint.js';
import { okOutcome } from '../helpers/trial-fixtures.js';

const fingerprint: Fingerprint = { runner: 'ci-1', cpu: 'Test CPU', cores: 2, node: 'v20.20.2', harness: '1', pinning: 'none' };
const dbFile = () => join(mkdtempSync(join(tmpdir(), 'perfbot-db-')), 'perfbot.sqlite');

const ok = (throughput: number) => okOutcome(throughput, { peakRssBytes: 50e6, peakHeapBytes: 10e6 });

function setup() {
  const store = new SqliteResultStore(dbFile());
  const repo = store.repositoryId('/src/stream-lib');
  const base = store.revisionId(repo, { sha: 'a'.repeat(40), parents: [], author: 'Ada', authorDate: '2026-01-05T09:00:00Z', subject: 'base' });
  const head = store.revisionId(repo, { sha: 'b'.repeat(40), parents: ['a'.repeat(40)], author: 'Ada', authorDate: '2026-01-05T10:00:00Z', subject: 'head' });
  const fp = store.fingerprintId(fingerprint);
  return { store, repo, base, head, fp };
}

describe('SqliteResultStore', () => {
  it('migrates a new file to the latest version, in WAL mode with foreign keys', () => {
    const file = dbFile();
    const store = new SqliteResultStore(file);
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrationFiles().at(-1)!.version);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
    // Opening again applies nothing twice.
    const again = new SqliteResultStore(file);
    expect(again.integrityCheck()).toBe('ok');
    again.close();
  });

  it('refuses a database newer than itself with a DatabaseVersionError naming the file', () => {
    const file = dbFile();
    const db = new Database(file);
    db.pragma('user_version = 999');
    const latest = migrationFiles().at(-1)!.version;
    let thrown: unknown;
    try {
      migrate(db);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DatabaseVersionError);
    expect(thrown).toMatchObject({ file, version: 999, latest });
    expect((thrown as Error).message).toBe(`${file}: database schema version 999 is newer than this perfbot knows (${latest}); upgrade perfbot, or set --db or PERFBOT_DB to another database`);
    // Nothing was applied to it.
    expect(db.pragma('user_version', { simple: true })).toBe(999);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master").get()).toEqual({ n: 0 });
    db.close();
  });

  it('rolls a failing migration back whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfbot-mig-'));
    writeFileSync(join(dir, '001-good.sql'), 'CREATE TABLE a (x INTEGER);');
    writeFileSync(join(dir, '002-bad.sql'), 'CREATE TABLE b (x INTEGER); INSERT INTO nope VALUES (1);');
    const db = new Database(':memory:');
    expect(() => migrate(db, dir + '/')).toThrow(/no such table: nope/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
  });

  it('upserts repositories, revisions and fingerprints', () => {
    const { store, repo, base, fp } = setup();
    expect(store.repositoryId('/src/stream-lib')).toBe(repo);
    expect(store.revisionId(repo, { sha: 'a'.repeat(40), parents: [], author: null, authorDate: null, subject: null })).toBe(base);
    expect(store.db.prepare('SELECT subject FROM revisions WHERE id = ?').get(base)).toEqual({ subject: 'base' });
    expect(store.fingerprintId({ ...fingerprint })).toBe(fp);
    expect(store.fingerprintId({ ...fingerprint, node: 'v22.0.0' })).not.toBe(fp);
  });

  it('stores a trial with its samples and histogram and gives it back', () => {
    const { store, base, fp, repo } = setup();
    const runId = store.startRun({ repositoryId: repo, kind: 'compare' });
    const key = { revisionId: base, benchmark: 'benchmarks/ndjson.bench.mjs', suiteHash: 's1', fingerprintId: fp, optionsHash: 'o1' };
    const id = store.recordTrial({ ...key, runId, name: 'ndjson', pairIndex: 0, side: 'base', outcome: ok(1234.5) });
    const samples = store.db.prepare('SELECT metric, value FROM samples WHERE trial_id = ? ORDER BY metric').all(id);
    expect(samples).toEqual([
      { metric: 'cpu', value: 9.5 },
      { metric: 'latency.p50', value: 0.01 },
      { metric: 'latency.p99', value: 0.05 },
      { metric: 'latency.p999', value: 0.2 },
      { metric: 'rss', value: 50e6 },
      { metric: 'throughput', value: 1234.5 },
    ]);
    const [back] = store.trials(key);
    expect(back!.outcome.kind).toBe('ok');
    expect(back!.outcome.kind === 'ok' && back!.outcome.result.latency!.histogram).toBe('HISTFAAAAB');
    expect(back!.outcome.kind === 'ok' && back!.outcome.result.throughput).toBe(1234.5);
    expect(store.trials({ ...key, suiteHash: 's2' })).toEqual([]);
  });

  it('pairs base and head trials by run and pair index', () => {
    const { store, base, head, fp, repo } = setup();
    const key = { revisionId: base, benchmark: 'b.bench.mjs', suiteHash: 's', fingerprintId: fp, optionsHash: 'o' };
    const run1 = store.startRun({ repositoryId: repo, kind: 'compare' });
    const run2 = store.startRun({ repositoryId: repo, kind: 'compare' });
    const put = (runId: number, pairIndex: number, side: 'base' | 'head', value: number) =>
      store.recordTrial({ ...key, revisionId: side === 'base' ? base : head, runId, name: 'b', pairIndex, side, outcome: ok(value) });
    put(run1, 0, 'base', 100);
    put(run1, 0, 'head', 90);
    put(run1, 1, 'head', 91);
    put(run1, 1, 'base', 101);
    put(run2, 0, 'base', 102); // its head never ran: the run was killed
    const pairs = store.pairs(key, head).map((p) => [p.base.kind === 'ok' && p.base.result.throughput, p.head.kind === 'ok' && p.head.result.throughput]);
    expect(pairs).toEqual([
      [100, 90],
      [101, 91],
    ]);
  });

  it('marks runs of dead processes interrupted, and keeps live ones running', () => {
    const { store, repo } = setup();
    const mine = store.startRun({ repositoryId: repo, kind: 'compare' });
    const dead = store.startRun({ repositoryId: repo, kind: 'compare' });
    store.db.prepare('UPDATE runs SET pid = 999999999 WHERE id = ?').run(dead);
    expect(store.markInterrupted((pid) => pid !== 999999999)).toBe(1);
    expect(store.runStatus(dead)).toBe('interrupted');
    expect(store.runStatus(mine)).toBe('running');
    store.finishRun(mine, 'done');
    expect(store.runStatus(mine)).toBe('done');
  });

  it('rejects a trial for a run that does not exist (foreign keys)', () => {
    const { store, base, fp } = setup();
    expect(() =>
      store.recordTrial({ revisionId: base, benchmark: 'b', suiteHash: 's', fingerprintId: fp, optionsHash: 'o', runId: 4242, name: 'b', pairIndex: null, side: null, outcome: ok(1) }),
    ).toThrow(/FOREIGN KEY/);
    expect(store.db.prepare('SELECT count(*) AS n FROM trials').get()).toEqual({ n: 0 });
  });
});
