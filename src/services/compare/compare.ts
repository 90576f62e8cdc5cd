import { join } from 'node:path';
import type { RepoConfig } from '../../config/repo-config.js';
import type { BenchmarkComparison, CompareReport, RevisionInfo } from '../../domain/compare-report.js';
import type { MetricComparison } from '../../domain/comparison.js';
import { compareSuite, medianBottleneck, relativeDeltas, type ThresholdFor } from '../../domain/compare-suite.js';
import { METRICS } from '../../domain/metrics.js';
import { learnedThreshold, minimumPairs, nextPairTarget } from '../../domain/stats/index.js';
import type { TrialOutcome } from '../../domain/trial.js';
import { countVerdicts } from '../../report/comment-model.js';
import { trialDefaults } from '../trial-defaults.js';
import type { Checkout, MeasurementDeps, ResultStore } from '../ports.js';
import { applyPair, type BenchmarkState } from './benchmark-state.js';

/** Everything compare works through (adapters are wired in the composition roots). */
export interface CompareDeps extends MeasurementDeps {
  /** Checked between trials; an aborted compare stops and its run is marked interrupted. */
  signal?: AbortSignal;
}

export interface CompareRequest {
  /** The repository as the user named it; the store's key for it. */
  repository: string;
  baseRef: string;
  headRef: string;
  /** Significance level before Holm correction. */
  alpha?: number;
  /** Ignore stored trials and measure everything again. */
  fresh?: boolean;
  trigger?: string;
}

/** The run a compare wrote to the store, for callers that need it (e.g. to mark it interrupted). */
export interface CompareRun {
  runId: number | null;
}

/**
 * perfbot compare (design §2.3, §4, §5): measures the merge-base of base and head against
 * head in interleaved ABBA pairs, adds pairs while a verdict is inconclusive, and returns the
 * report. Bad refs or config throw before anything runs; anything a benchmark or the
 * repository's install does wrong ends up in the report instead.
 */
export async function runCompare(deps: CompareDeps, req: CompareRequest, run: CompareRun = { runId: null }): Promise<CompareReport> {
  const started = performance.now();
  const { workspace, store, progress } = deps;
  const alpha = req.alpha ?? 0.01;
  const baseSha = await workspace.resolve(req.baseRef);
  const headSha = await workspace.resolve(req.headRef);
  const found = await workspace.mergeBase(baseSha, headSha);
  const warnings: string[] = [];
  if (found === null) warnings.push(`${req.baseRef} and ${req.headRef} share no history: comparing against ${req.baseRef} itself`);
  const mergeBase = found ?? baseSha;

  const checkouts: Checkout[] = [];
  try {
    const head = await workspace.checkout(headSha);
    checkouts.push(head);
    const base = mergeBase === headSha ? head : await workspace.checkout(mergeBase);
    if (base !== head) checkouts.push(base);
    const config = await deps.loadConfig(head.dir);
    const suite = await deps.loadSuite(head.dir, config);
    const runner = deps.runnerFor(config);
    await suite.place(head.dir);
    if (base !== head) await suite.place(base.dir);

    const repositoryId = store.repositoryId(req.repository);
    const [baseInfo, headInfo] = await Promise.all([workspace.commitInfo(mergeBase), workspace.commitInfo(headSha)]);
    const baseRevisionId = store.revisionId(repositoryId, baseInfo);
    const headRevisionId = store.revisionId(repositoryId, headInfo);
    const fingerprintId = store.fingerprintId(deps.fingerprint);
    run.runId = store.startRun({
      repositoryId,
      kind: 'compare',
      baseSha,
      headSha,
      mergeBaseSha: mergeBase,
      trigger: req.trigger ?? 'cli',
      args: { base: req.baseRef, head: req.headRef, fresh: req.fresh ?? false },
    });
    const runId = run.runId;

    const { defaults, optionsHash } = trialDefaults(config);
    const states: BenchmarkState[] = suite.benchmarks.map((bench) => ({
      bench,
      pairs: [],
      reused: 0,
      target: 1,
      status: 'active',
      error: null,
      failedSide: null,
      name: bench.name,
      nextPairIndex: 0,
    }));
    const key = (s: BenchmarkState) => ({ revisionId: baseRevisionId, benchmark: s.bench.key, suiteHash: suite.hash, fingerprintId, optionsHash });
    if (!req.fresh) {
      for (const s of states) {
        for (const p of store.pairs(key(s), headRevisionId)) {
          if (p.base.kind === 'ok' && p.head.kind === 'ok') s.pairs.push({ base: p.base.result, head: p.head.result });
        }
        s.reused = s.pairs.length;
        if (s.pairs[0]) s.name = s.pairs[0].head.name;
      }
    }

    let trialsRun = 0;
    for (const [side, checkout] of [['base', base], ['head', head]] as const) {
      if (side === 'head' && checkout === base) break;
      progress(`preparing ${side} ${checkout.sha.slice(0, 10)}`);
      const prepared = await deps.preparer.prepare(checkout.dir, { install: config.install, build: config.build, env: config.env });
      if (!prepared.ok) {
        for (const s of states) {
          s.status = 'failed';
          s.failedSide = s.failedSide && s.failedSide !== side ? 'both' : side;
          s.error = `${prepared.reason}`;
        }
        warnings.push(`${side} ${checkout.sha.slice(0, 10)}: ${prepared.reason}`);
      }
    }

    const runTrial = async (s: BenchmarkState, side: 'base' | 'head', pairIndex: number): Promise<TrialOutcome> => {
      if (deps.signal?.aborted) throw new Error('compare interrupted');
      const checkout = side === 'base' ? base : head;
      const outcome = await runner.run({ file: join(checkout.dir, s.bench.placedPath), cwd: checkout.dir, defaults });
      trialsRun++;
      store.recordTrial({
        ...key(s),
        revisionId: side === 'base' ? baseRevisionId : headRevisionId,
        runId,
        name: outcome.kind === 'ok' ? outcome.result.name : s.name,
        pairIndex,
        side,
        outcome,
      });
      return outcome;
    };
    const thresholdFor = makeThresholdFor(store, config, repositoryId, fingerprintId);

    const measureDue = async () => {
      for (;;) {
        const due = states.filter((s) => s.status === 'active' && s.pairs.length < s.target);
        if (due.length === 0) break;
        for (const s of due) {
          const pairIndex = s.nextPairIndex++;
          const order = pairIndex % 2 === 0 ? (['base', 'head'] as const) : (['head', 'base'] as const);
          const wanted = states.reduce((n, t) => n + (t.status === 'active' ? Math.max(t.target, t.pairs.length) - t.reused : 0), 0);
          const measured = states.reduce((n, t) => n + t.pairs.length - t.reused, 0);
          progress(`${s.name}: pair ${s.pairs.length + 1}/${s.target} (${trialsRun} trials run)`, { done: measured, total: Math.max(wanted, measured + 1) });
          const first = await runTrial(s, order[0], pairIndex);
          const second = await runTrial(s, order[1], pairIndex);
          const [baseOutcome, headOutcome] = order[0] === 'base' ? [first, second] : [second, first];
          applyPair(s, baseOutcome, headOutcome);
        }
      }
    };

    // One pair of each benchmark tells which metrics exist, hence the size of the Holm family.
    await measureDue();
    const plan = planPairs(states, config, alpha);
    if (plan.warning) warnings.push(plan.warning);
    for (const s of states) s.target = Math.max(s.target, plan.initial);
    let comparisons = new Map<string, MetricComparison[]>();
    for (;;) {
      await measureDue();
      comparisons = compareSuite(
        states.filter((s) => s.status === 'active').map((s) => ({ key: s.bench.key, pairs: s.pairs })),
        thresholdFor,
        plan.alpha,
      );
      let more = false;
      for (const s of states) {
        if (s.status !== 'active') continue;
        const undecided = (comparisons.get(s.bench.key) ?? []).some((c) => isVerdictMetric(c.metric) && c.verdict === 'inconclusive');
        const next = undecided ? nextPairTarget(s.pairs.length, plan.initial, config.maxPairs) : null;
        if (next !== null) {
          s.target = next;
          more = true;
        }
      }
      if (!more) break;
    }

    const benchmarks: BenchmarkComparison[] = states.map((s) => ({
      name: s.name,
      status: s.status === 'active' ? 'ok' : s.status,
      error: s.error,
      failedSide: s.failedSide,
      metrics: s.status === 'active' ? (comparisons.get(s.bench.key) ?? []) : [],
      bottleneck: bottlenecks(s),
      pairs: s.pairs.length,
    }));
    store.saveComparisons(
      runId,
      states.flatMap((s) => (s.status === 'active' ? (comparisons.get(s.bench.key) ?? []).map((c) => ({ benchmark: s.bench.key, pairs: s.pairs.length, comparison: c })) : [])),
    );
    const summary = countVerdicts(benchmarks);
    store.finishRun(runId, benchmarks.every((b) => b.status === 'failed') ? 'failed' : 'done');
    return {
      repository: req.repository,
      base: revision(baseSha, req.baseRef, baseSha === mergeBase ? baseInfo.subject : null),
      head: revision(headSha, req.headRef, headInfo.subject),
      mergeBase: { sha: mergeBase, fallback: found === null, warning: found === null ? warnings[0]! : null },
      fingerprint: deps.fingerprint,
      benchmarks,
      summary,
      alpha: plan.alpha,
      pairs: { initial: plan.initial, max: config.maxPairs, used: Math.max(0, ...states.map((s) => s.pairs.length)) },
      trials: { run: trialsRun, reused: states.reduce((n, s) => n + 2 * s.reused, 0) },
      durationMs: performance.now() - started,
      warnings,
      failOn: config.failOn,
    };
  } finally {
    for (const c of checkouts.reverse()) await c.release().catch(() => undefined);
  }
}

/**
 * The pair schedule of a compare: it starts with enough pairs that the Holm-corrected exact
 * test can reject at all. Every look of the adaptive schedule tests at α; re-testing a growing
 * sample raises the chance of a false alarm somewhat above α (simulated: 0.6–2.9% per metric
 * at 2–5% trial CV with 10 → 20 → 40 → 80), the price of resolving noisy workloads in time.
 */
function planPairs(states: readonly BenchmarkState[], config: RepoConfig, alpha: number): { initial: number; alpha: number; warning: string | null } {
  const family = states
    .filter((s) => s.status === 'active' && s.pairs[0])
    .reduce((n, s) => n + METRICS.filter((m) => m.verdict && m.read(s.pairs[0]!.base) !== null).length, 0);
  const needed = minimumPairs(family, alpha);
  const initial = Math.min(Math.max(config.trials, needed), config.maxPairs);
  const warning =
    needed > config.maxPairs
      ? `max_pairs ${config.maxPairs} is too few for ${family} metrics: no regression can be significant below ${needed} pairs; raise max_pairs`
      : null;
  return { initial, alpha, warning };
}

function revision(sha: string, ref: string, subject: string | null): RevisionInfo {
  return { sha, ref: ref === sha ? null : ref, subject };
}

function isVerdictMetric(name: string): boolean {
  return METRICS.some((m) => m.name === name && m.verdict);
}

function bottlenecks(s: BenchmarkState): BenchmarkComparison['bottleneck'] {
  const base = medianBottleneck(s.pairs.map((p) => p.base));
  const head = medianBottleneck(s.pairs.map((p) => p.head));
  return base || head ? { base, head } : null;
}

/** τ per metric: learned from the default branch's history when there is enough, else the config's. */
function makeThresholdFor(store: ResultStore, config: RepoConfig, repositoryId: number, fingerprintId: number): ThresholdFor {
  const configured = (metric: string) => config.thresholds[metric] ?? (metric.startsWith('latency.') ? config.thresholds['latency.p99'] ?? 0.1 : 0.05);
  return (benchmark, metric) => {
    const learned = learnedThreshold(relativeDeltas(store.seriesMedians(repositoryId, benchmark, metric, fingerprintId)));
    return learned !== null ? { value: learned, source: 'history' } : { value: configured(metric), source: 'config' };
  };
}
