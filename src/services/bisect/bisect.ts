import { join } from 'node:path';
import { bisect } from '../../domain/bisect/search.js';
import type { BisectReport, Measure } from '../../domain/bisect/types.js';
import { metricByName, METRICS } from '../../domain/metrics.js';
import { trialDefaults } from '../trial-defaults.js';
import type { Checkout, CommitInfo, MeasurementDeps, SuiteBenchmark } from '../ports.js';

/** Bad input to bisect: same ends, unrelated ends, unknown benchmark or metric. */
export class BisectInputError extends Error {
  override name = 'BisectInputError';
}

export type BisectDeps = MeasurementDeps;

export interface BisectRequest {
  repository: string;
  goodRef: string;
  badRef: string;
  benchmark: string;
  metric: string;
}


/**
 * perfbot bisect: finds the commit that moved a benchmark's metric between a good and a bad
 * revision. The suite comes from the bad end and runs at every revision visited; every trial
 * is stored per (revision, benchmark, suite, fingerprint, options), and the k-th sample of a
 * revision is taken from the store when it is there, so an interrupted bisect resumes where it
 * stopped and a later one reuses the samples.
 */
export async function runBisect(deps: BisectDeps, req: BisectRequest): Promise<BisectReport> {
  const { workspace, store } = deps;
  const good = await workspace.resolve(req.goodRef);
  const bad = await workspace.resolve(req.badRef);
  if (good === bad) throw new BisectInputError(`good and bad are the same revision (${good.slice(0, 10)})`);
  if (!(await workspace.isAncestor(good, bad))) throw new BisectInputError(`bad ${req.badRef} is not a descendant of good ${req.goodRef}`);
  const metric = metricByName(req.metric);
  if (!metric) throw new BisectInputError(`unknown metric '${req.metric}' (metrics: ${METRICS.map((m) => m.name).join(', ')})`);
  const commits = [good, ...(await workspace.revList(good, bad))];

  const checkouts = new Map<string, Checkout | null>();
  const badCheckout = await workspace.checkout(bad);
  try {
    const config = await deps.loadConfig(badCheckout.dir);
    const suite = await deps.loadSuite(badCheckout.dir, config);
    const bench = findBenchmark(suite.benchmarks, req.benchmark);
    const runner = deps.runnerFor(config);
    const { defaults, optionsHash } = trialDefaults(config);
    const repositoryId = store.repositoryId(req.repository);
    const fingerprintId = store.fingerprintId(deps.fingerprint);
    const runId = store.startRun({ repositoryId, kind: 'bisect', baseSha: good, headSha: bad, args: { good: req.goodRef, bad: req.badRef, bench: req.benchmark, metric: req.metric } });
    const info = new Map<string, CommitInfo>();
    const used = new Map<string, number>();

    const prepared = async (sha: string): Promise<Checkout | null> => {
      if (checkouts.has(sha)) return checkouts.get(sha)!;
      const checkout = sha === bad ? badCheckout : await workspace.checkout(sha);
      await suite.place(checkout.dir);
      const ready = await deps.preparer.prepare(checkout.dir, { install: config.install, build: config.build, env: config.env });
      if (!ready.ok) {
        deps.progress(`${sha.slice(0, 10)}: ${ready.reason} (skipped)`);
        checkouts.set(sha, null);
        await checkout.release();
        return null;
      }
      checkouts.set(sha, checkout);
      return checkout;
    };
    const revisionIdOf = async (sha: string) => {
      if (!info.has(sha)) info.set(sha, await workspace.commitInfo(sha));
      return store.revisionId(repositoryId, info.get(sha)!);
    };

    const measure: Measure = async (sha) => {
      const revisionId = await revisionIdOf(sha);
      const key = { revisionId, benchmark: bench.key, suiteHash: suite.hash, fingerprintId, optionsHash };
      const k = used.get(sha) ?? 0;
      used.set(sha, k + 1);
      const stored = store.trials(key);
      if (stored.length > k) {
        const o = stored[k]!.outcome;
        return o.kind === 'ok' ? { value: metric.read(o.result) ?? NaN, fresh: false } : null;
      }
      const checkout = await prepared(sha);
      if (!checkout) return null;
      const outcome = await runner.run({ file: join(checkout.dir, bench.placedPath), cwd: checkout.dir, defaults });
      store.recordTrial({ ...key, runId, name: outcome.kind === 'ok' ? outcome.result.name : bench.name, pairIndex: null, side: null, outcome });
      if (outcome.kind !== 'ok') {
        deps.progress(`${sha.slice(0, 10)}: ${outcome.reason} (skipped)`);
        return null;
      }
      const value = metric.read(outcome.result);
      return value === null ? null : { value, fresh: true };
    };

    const search = (range: readonly string[]) =>
      bisect({
        commits: range,
        measure,
        better: metric.better,
        threshold: config.thresholds[metric.name] ?? 0.05,
        alpha: 0.01,
        samples: { initial: Math.min(config.trials, config.maxPairs), max: config.maxPairs },
        budget: 40 * config.maxPairs,
        progress: (line) => deps.progress(line),
      });
    const result = await search(commits);
    // A merge commit on the first-parent line: the change came in with the merged branch, so
    // bisect that branch from where it forked to its tip and name its commit too.
    let merged: BisectReport['merged'] = null;
    const top = result.status === 'found' ? result.culprits[0] : undefined;
    if (top) {
      const parents = (await workspace.commitInfo(top.sha)).parents;
      const fork = parents.length > 1 ? await workspace.mergeBase(parents[0]!, parents[1]!) : null;
      if (fork && fork !== parents[1]) {
        deps.progress(`culprit ${top.sha.slice(0, 10)} is a merge: bisecting the merged branch`);
        const branch = await search([fork, ...(await workspace.revList(fork, parents[1]!))]);
        merged = { merge: top.sha, result: branch };
      }
    }
    const named = [result, ...(merged ? [merged.result] : [])].flatMap((r) => [...r.culprits.map((c) => c.sha), ...r.candidates]);
    for (const sha of named) await revisionIdOf(sha);
    store.finishRun(runId, 'done');
    return { result, merged, benchmark: bench.name, metric: metric.name, good, bad, commits: commits.length - 1, info };
  } finally {
    for (const c of [badCheckout, ...checkouts.values()]) if (c) await c.release().catch(() => undefined);
  }
}

function findBenchmark(benchmarks: readonly SuiteBenchmark[], wanted: string): SuiteBenchmark {
  const found = benchmarks.find((b) => b.name === wanted || b.key === wanted);
  if (!found) throw new BisectInputError(`unknown benchmark '${wanted}' (benchmarks: ${benchmarks.map((b) => b.name).join(', ')})`);
  return found;
}
