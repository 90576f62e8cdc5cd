import type { Verdict } from '../comparison.js';
import { decideVerdict, nextPairTarget, pairedTest } from '../stats/index.js';
import type { BisectOptions, BisectResult, BisectStep, Culprit } from './types.js';

/** One revision against another, as a bisection step sees it. */
export interface Comparison {
  verdict: Verdict;
  /** The change in the bad direction (positive = worse), or 0 when unknown. */
  worse: number;
  culprit: Culprit;
}

/** Why a search stops before it is done. */
class OutOfBudget extends Error {}

/**
 * Noise-aware bisection (design §5; Pinpoint, asv find). Confirms the regression between the
 * ends, then binary-searches with the lower midpoint. Each step compares the midpoint with
 * both ends using the paired statistics of compare (samples are paired by index, so samples
 * of a revision measured in an earlier step are reused), adding samples while the step is
 * ambiguous. A midpoint that cannot be measured is skipped and its neighbours are tried. When
 * both halves hold a step of at least τ, both are searched, so every step is reported.
 */
export async function bisect(o: BisectOptions): Promise<BisectResult> {
  const samples = new Map<string, number[]>();
  const failed = new Set<string>();
  const steps: BisectStep[] = [];
  let trials = 0;
  let reused = 0;
  let rounds = 0;
  const say = o.progress ?? (() => undefined);

  /**
   * Ensures `n` samples of each revision within one step (`scope`), measured interleaved in
   * rotating order, so a change of machine load during the bisect hits all sides alike.
   * @returns the sha of a revision that cannot be measured, or `null`
   */
  const ensure = async (scope: string, shas: readonly string[], n: number): Promise<string | null> => {
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < shas.length; j++) {
        const sha = shas[(j + k) % shas.length]!;
        if (failed.has(sha)) return sha;
        const have = samples.get(`${scope}:${sha}`) ?? [];
        if (have.length > k) continue;
        if (trials >= o.budget) throw new OutOfBudget();
        const m = await o.measure(sha);
        if (m === null) {
          failed.add(sha);
          return sha;
        }
        if (m.fresh) trials++;
        else reused++;
        samples.set(`${scope}:${sha}`, [...have, m.value]);
      }
    }
    return null;
  };

  const compare = (scope: string, a: string, b: string, n: number, alpha = o.alpha): Comparison => {
    const base = samples.get(`${scope}:${a}`)!.slice(0, n);
    const head = samples.get(`${scope}:${b}`)!.slice(0, n);
    const test = pairedTest({ base, head }, alpha);
    const verdict = decideVerdict({ ...test, better: o.better, threshold: o.threshold, alpha });
    const change = test.change ?? 0;
    return { verdict, worse: o.better === 'higher' ? -change : change, culprit: { sha: b, change, ci: test.ci } };
  };

  const index = new Map(o.commits.map((sha, i) => [sha, i]));
  const good = o.commits[0]!;
  const bad = o.commits[o.commits.length - 1]!;
  const base = { steps };

  // 1. Confirm the regression between the ends, measured again now.
  let confirmation: Comparison | null = null;
  try {
    for (let n = o.samples.initial; ; ) {
      const broken = await ensure('confirm', [good, bad], n);
      if (broken) {
        return { ...base, trials, reused, rounds, status: 'not-reproduced', culprits: [], candidates: [], confirmed: null, reason: `the ${broken === good ? 'good' : 'bad'} end ${broken.slice(0, 10)} cannot be measured` };
      }
      confirmation = compare('confirm', good, bad, n);
      const next = confirmation.verdict === 'inconclusive' ? nextPairTarget(n, o.samples.initial, o.samples.max) : null;
      if (next === null) break;
      n = next;
    }
  } catch (error) {
    if (!(error instanceof OutOfBudget)) throw error;
    return { ...base, trials, reused, rounds, status: 'not-reproduced', culprits: [], candidates: [], confirmed: null, reason: 'the budget ran out while confirming the ends' };
  }
  rounds++;
  say(`confirmed ends: ${fmt(confirmation.culprit.change)} (${confirmation.verdict}), ${o.commits.length - 2} commits between, ${trials} trials`);
  if (confirmation.verdict !== 'regression') {
    const what = confirmation.verdict === 'inconclusive' ? 'could not be told from noise' : `is ${confirmation.verdict}`;
    return {
      ...base,
      trials,
      reused,
      rounds,
      status: 'not-reproduced',
      culprits: [],
      candidates: [],
      confirmed: confirmation.culprit,
      reason: `no regression of at least ${(o.threshold * 100).toFixed(1)}% between the ends: the change ${fmt(confirmation.culprit.change)} ${what}`,
    };
  }

  // 2. Search every interval known to hold a step.
  const culprits: Culprit[] = [];
  const candidates: string[] = [];
  // [lo, hi, secondary]: a secondary interval came from a split and must show its own step.
  // [lo, hi, secondary, scope, n]: the last step whose samples hold both lo and hi, and how many.
  const intervals: [number, number, boolean, string, number][] = [[0, o.commits.length - 1, false, 'confirm', samples.get(`confirm:${good}`)!.length]];
  const reasons: string[] = [];
  let current: [number, number] | null = null;
  try {
    while (intervals.length > 0) {
      let [lo, hi, secondary, scope, scopeSize] = intervals.pop()!;
      for (;;) {
        current = [lo, hi];
        const between = o.commits.slice(lo + 1, hi).filter((sha) => !failed.has(sha));
        if (between.length === 0) {
          const suspects = o.commits.slice(lo + 1, hi + 1);
          const loSha = o.commits[lo]!;
          const hiSha = o.commits[hi]!;
          let across = compare(scope, loSha, hiSha, scopeSize);
          if (secondary) {
            // The split-off half was searched on the samples that suggested it, so its step is
            // measured again on fresh, interleaved samples before it may count.
            const verify = `verify${steps.length}:${lo}:${hi}`;
            for (let n = o.samples.initial; ; ) {
              if (await ensure(verify, [loSha, hiSha], n)) break;
              across = compare(verify, loSha, hiSha, n);
              const next = across.verdict === 'inconclusive' ? nextPairTarget(n, o.samples.initial, o.samples.max) : null;
              if (next === null) break;
              n = next;
            }
            if (across.verdict !== 'regression') {
              reasons.push(`a suspected second step at ${hiSha.slice(0, 10)} did not hold up`);
              break;
            }
          }
          culprits.push(across.culprit);
          if (suspects.length > 1) {
            candidates.push(...suspects);
            reasons.push(`${suspects.length - 1} commit(s) before ${hiSha.slice(0, 10)} could not be measured`);
          }
          break;
        }
        const mid = pickMidpoint(o.commits, lo, hi, failed);
        const loSha = o.commits[lo]!;
        const hiSha = o.commits[hi]!;
        say(`step ${rounds}: ${mid.slice(0, 10)} · ${hi - lo - 1} commits left · ${trials} trials`);
        const before = trials;
        let verdict: 'good' | 'bad' | 'both' | 'skip' = 'skip';
        let note: string | null = null;
        const stepScope = `step${steps.length}`;
        let used = o.samples.initial;
        for (let n = o.samples.initial; ; ) {
          used = n;
          const broken = await ensure(stepScope, [loSha, mid, hiSha], n);
          if (broken) {
            note = `cannot be measured`;
            break;
          }
          const left = compare(stepScope, loSha, mid, n);
          const right = compare(stepScope, mid, hiSha, n);
          // A step on each side splits the search. The split-off half must show its own step
          // again when its search ends (`secondary`), so a split on noise costs trials, not a
          // false culprit; a stricter test here would miss real second steps at small n.
          const decided = classify(left, right, o.threshold);
          const next = decided === null ? nextPairTarget(n, o.samples.initial, o.samples.max) : null;
          if (decided !== null) {
            verdict = decided;
            break;
          }
          if (next === null) {
            verdict = left.verdict === 'regression' ? 'bad' : right.verdict === 'regression' ? 'good' : left.worse >= right.worse ? 'bad' : 'good';
            note = `by estimate: ${fmt(left.culprit.change)} before, ${fmt(right.culprit.change)} after`;
            break;
          }
          n = next;
        }
        if (verdict === 'skip') {
          steps.push({ sha: mid, verdict: 'skip', trials: trials - before, note });
          continue;
        }
        rounds++;
        const at = index.get(mid)!;
        steps.push({ sha: mid, verdict: verdict === 'good' ? 'good' : 'bad', trials: trials - before, note: verdict === 'both' ? 'steps on both sides' : note });
        scope = stepScope;
        scopeSize = used;
        if (verdict === 'good') lo = at;
        else if (verdict === 'bad') hi = at;
        else {
          intervals.push([at, hi, true, stepScope, used]);
          hi = at;
        }
      }
    }
  } catch (error) {
    if (!(error instanceof OutOfBudget)) throw error;
    reasons.push(`the budget of ${o.budget} trials ran out`);
    for (const [lo, hi] of current ? [current, ...intervals] : intervals) candidates.push(...o.commits.slice(lo + 1, hi + 1));
  }
  culprits.sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
  const ambiguous = candidates.length > 0;
  return {
    ...base,
    trials,
    reused,
    rounds,
    status: ambiguous ? 'ambiguous' : 'found',
    culprits,
    candidates: [...new Set(candidates)].sort((a, b) => index.get(a)! - index.get(b)!),
    confirmed: confirmation.culprit,
    reason: ambiguous ? reasons.join('; ') : culprits.length > 1 ? `${culprits.length} steps of at least ${fmt(o.threshold)}` : 'one step',
  };
}

/**
 * A midpoint's place from its comparisons with both ends; `null` while the data cannot tell.
 * `bad`: the step is before it (or at it). `good`: after it. `both`: a step on each side.
 * A side that is not significant but whose estimate still reaches τ may hide a second step,
 * so it asks for more samples instead of being ruled out.
 * @param threshold τ as a fraction
 */
export function classify(left: Comparison, right: Comparison, threshold: number): 'good' | 'bad' | 'both' | null {
  const stepLeft = left.verdict === 'regression';
  const stepRight = right.verdict === 'regression';
  const maybe = (c: Comparison) => c.verdict !== 'unchanged' && c.verdict !== 'improvement' && c.worse >= threshold;
  if (stepLeft && stepRight) return 'both';
  if (stepLeft) return maybe(right) ? null : 'bad';
  if (stepRight) return maybe(left) ? null : 'good';
  return null;
}

/** The lower midpoint of (lo, hi), or the measurable commit nearest to it (the lower side first). */
export function pickMidpoint(commits: readonly string[], lo: number, hi: number, failed: ReadonlySet<string>): string {
  const mid = Math.floor((lo + hi) / 2);
  for (let d = 0; d < hi - lo; d++) {
    for (const i of d === 0 ? [mid] : [mid - d, mid + d]) {
      if (i > lo && i < hi && !failed.has(commits[i]!)) return commits[i]!;
    }
  }
  throw new Error('no measurable commit between the ends');
}

function fmt(x: number): string {
  return `${x >= 0 ? '+' : '−'}${(Math.abs(x) * 100).toFixed(1)}%`;
}
