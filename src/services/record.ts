import { join } from 'node:path';
import { coefficientOfVariation, median } from '../domain/descriptive.js';
import { METRICS } from '../domain/metrics.js';
import type { TrialOutcome } from '../domain/trial.js';
import type { MeasurementDeps, SuiteBenchmark } from './ports.js';
import type { PointValue, SeriesStore } from './series-store.js';
import { trialDefaults } from './trial-defaults.js';

export interface RecordRequest {
  /** The store's key for the repository. */
  repository: string;
  /** Revisions to record, oldest first (full shas); the suite comes from the newest. */
  revisions: readonly string[];
  /** Trials per benchmark and revision; `null`: the config's `record_trials`. */
  trials: number | null;
}

export interface RecordResult {
  /** Revisions measured now, oldest first. */
  measured: string[];
  /** Revisions every benchmark of which already had a point on this machine. */
  skipped: string[];
  /** Benchmarks whose every trial failed at a revision, or revisions that could not be installed. */
  failed: { sha: string; benchmark: string | null; reason: string }[];
}

/**
 * perfbot record: measures revisions of the default branch (`trials` each, fewer than a PR's
 * pairs) and keeps one point per revision, benchmark and metric for the trend report. The
 * suite comes from the newest revision and runs against every one, like bisect, so the
 * series measure the same benchmark code. A revision already recorded on this machine is
 * skipped, so backfilling twice costs nothing.
 */
export async function runRecord(deps: MeasurementDeps & { series: SeriesStore }, req: RecordRequest): Promise<RecordResult> {
  const { workspace, store, series } = deps;
  const result: RecordResult = { measured: [], skipped: [], failed: [] };
  const newest = req.revisions.at(-1);
  if (!newest) return result;
  const top = await workspace.checkout(newest);
  try {
    const config = await deps.loadConfig(top.dir);
    const suite = await deps.loadSuite(top.dir, config);
    const runner = deps.runnerFor(config);
    const { defaults, optionsHash } = trialDefaults(config);
    const trials = req.trials ?? config.recordTrials;
    const repositoryId = store.repositoryId(req.repository);
    const fingerprintId = store.fingerprintId(deps.fingerprint);
    for (const [i, sha] of req.revisions.entries()) {
      const revisionId = store.revisionId(repositoryId, await workspace.commitInfo(sha));
      const keyOf = (b: SuiteBenchmark) => ({ repositoryId, revisionId, fingerprintId, benchmark: b.key });
      const todo = suite.benchmarks.filter((b) => !series.hasPoint(keyOf(b)));
      if (todo.length === 0) {
        result.skipped.push(sha);
        continue;
      }
      deps.progress(`record ${i + 1}/${req.revisions.length}: ${sha.slice(0, 10)} · ${todo.length} benchmarks × ${trials} trials`, { done: i, total: req.revisions.length });
      const checkout = sha === newest ? top : await workspace.checkout(sha);
      try {
        await suite.place(checkout.dir);
        const ready = await deps.preparer.prepare(checkout.dir, { install: config.install, build: config.build, env: config.env });
        if (!ready.ok) {
          for (const b of todo) series.saveFailure(keyOf(b), ready.reason);
          result.failed.push({ sha, benchmark: null, reason: ready.reason });
          continue;
        }
        const runId = store.startRun({ repositoryId, kind: 'record', headSha: sha, trigger: 'record' });
        const outcomes = new Map<string, TrialOutcome[]>(todo.map((b) => [b.key, []]));
        // Round-robin, so a change of machine load spreads over all benchmarks of the revision.
        for (let t = 0; t < trials; t++) {
          for (const b of todo) {
            const outcome = await runner.run({ file: join(checkout.dir, b.placedPath), cwd: checkout.dir, defaults });
            store.recordTrial({ revisionId, benchmark: b.key, suiteHash: suite.hash, fingerprintId, optionsHash, runId, name: b.name, pairIndex: null, side: null, outcome });
            outcomes.get(b.key)!.push(outcome);
          }
        }
        for (const b of todo) {
          const all = outcomes.get(b.key)!;
          const values = pointValues(all);
          if (values.length > 0) series.savePoints(keyOf(b), values);
          else {
            const reason = all.find((o) => o.kind !== 'ok')?.reason ?? 'no trial gave a result';
            series.saveFailure(keyOf(b), reason);
            result.failed.push({ sha, benchmark: b.name, reason });
          }
        }
        store.finishRun(runId, 'done');
        result.measured.push(sha);
      } finally {
        if (checkout !== top) await checkout.release();
      }
    }
    return result;
  } finally {
    await top.release();
  }
}

/** Median and CV of every metric over a revision's ok trials; empty when none succeeded. */
export function pointValues(outcomes: readonly TrialOutcome[]): PointValue[] {
  const ok = outcomes.flatMap((o) => (o.kind === 'ok' ? [o.result] : []));
  if (ok.length === 0) return [];
  return METRICS.flatMap((m) => {
    const values = ok.map((r) => m.read(r)).filter((v): v is number => v !== null && Number.isFinite(v));
    const mid = median(values);
    return mid === null ? [] : [{ metric: m.name, median: mid, n: values.length, cv: values.length >= 2 ? coefficientOfVariation(values) : null }];
  });
}
