import type { Side } from '../../domain/compare-report.js';
import type { TrialOutcome, TrialResult } from '../../domain/trial.js';
import type { SuiteBenchmark } from '../ports.js';

/** Where one benchmark stands while a compare measures it. */
export interface BenchmarkState {
  bench: SuiteBenchmark;
  /** Ok pairs, reused ones first. */
  pairs: { base: TrialResult; head: TrialResult }[];
  reused: number;
  /** Pairs wanted before the next look at the verdicts. */
  target: number;
  status: 'active' | 'failed' | 'new';
  error: string | null;
  failedSide: Side | 'both' | null;
  /** Name reported by the benchmark itself, once a trial ran. */
  name: string;
  nextPairIndex: number;
}

const MISSING_CODE = /Cannot find (module|package)|does not provide an export named|ERR_MODULE_NOT_FOUND|is not exported/;

/**
 * Folds the outcome of one pair into the state: an ok pair is kept; a failure ends the
 * benchmark, as `new` when base cannot even import the code head measures.
 */
export function applyPair(state: BenchmarkState, base: TrialOutcome, head: TrialOutcome): void {
  if (base.kind === 'ok' && head.kind === 'ok') {
    state.pairs.push({ base: base.result, head: head.result });
    state.name = head.result.name;
    return;
  }
  if (head.kind === 'ok') state.name = head.result.name;
  if (base.kind !== 'ok' && head.kind === 'ok' && base.kind === 'failed' && base.phase === 'load' && MISSING_CODE.test(base.reason)) {
    state.status = 'new';
    state.error = `not measurable at base: ${base.reason}`;
    return;
  }
  state.status = 'failed';
  state.failedSide = base.kind !== 'ok' && head.kind !== 'ok' ? 'both' : base.kind !== 'ok' ? 'base' : 'head';
  const first = head.kind !== 'ok' ? head : base;
  state.error = first.reason;
  if (state.failedSide === 'both' && base.reason !== head.reason) state.error = `base: ${base.reason}; head: ${head.reason}`;
}
