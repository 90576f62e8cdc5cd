import type { CompareReport } from './compare-report.js';

/** How the perfbot check run ends, and the one line that says why. */
export interface CheckVerdict {
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  /** Benchmarks that regressed. */
  regressed: string[];
  /** Of those, the ones nobody acknowledged. */
  unacknowledged: string[];
}

/** An acknowledgement: a benchmark name, or `*` for every regression of the head. */
export interface Acknowledgement {
  benchmark: string;
  login: string;
}

/** What the conclusion depends on: kept with the check run, so an acknowledgement can redo it. */
export interface CheckFacts {
  regressed: readonly string[];
  failed: number;
  inconclusive: number;
  improvements: number;
  failOn: 'regression' | 'never';
}

/** The facts of a compare that decide its check. */
export function checkFacts(report: CompareReport): CheckFacts {
  const regressed = report.benchmarks.filter((b) => b.status === 'ok' && b.metrics.some((m) => m.verdict === 'regression')).map((b) => b.name);
  return { regressed, failed: report.summary.failed, inconclusive: report.summary.inconclusive, improvements: report.summary.improvements, failOn: report.failOn };
}

/**
 * The check's conclusion (design §6): `failure` when a benchmark regressed, `fail_on` is
 * `regression` and nobody acknowledged it; `neutral` when nothing regressed but a benchmark
 * was inconclusive or failed; `success` otherwise (including acknowledged regressions).
 */
export function checkVerdict(facts: CheckFacts, acks: readonly Acknowledgement[]): CheckVerdict {
  const regressed = [...facts.regressed];
  const ackedBy = (name: string) => acks.find((a) => a.benchmark === name || a.benchmark === '*');
  const unacknowledged = regressed.filter((name) => !ackedBy(name));
  const base = { regressed, unacknowledged };
  if (unacknowledged.length > 0) {
    return { ...base, conclusion: facts.failOn === 'regression' ? 'failure' : 'neutral', title: `Regression in ${list(unacknowledged)}` };
  }
  if (regressed.length > 0) {
    const who = [...new Set(regressed.map((name) => ackedBy(name)!.login))].map((l) => `@${l}`).join(', ');
    return { ...base, conclusion: 'success', title: `Regression in ${list(regressed)} acknowledged by ${who}` };
  }
  if (facts.failed > 0 || facts.inconclusive > 0) {
    const parts = [facts.failed > 0 ? `${facts.failed} failed` : '', facts.inconclusive > 0 ? `${facts.inconclusive} inconclusive` : ''].filter(Boolean);
    return { ...base, conclusion: 'neutral', title: `No regression found; ${parts.join(', ')}` };
  }
  return { ...base, conclusion: 'success', title: `No regression${facts.improvements > 0 ? `, ${facts.improvements} improved` : ''}` };
}

function list(names: readonly string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}
