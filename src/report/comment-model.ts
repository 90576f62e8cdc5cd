/**
 * What the PR comment shows, grouped once so that the headline, the verdict line and the tables
 * are all read off the same rows and can never disagree. Pure.
 */
import type { BenchmarkComparison, CompareReport, CompareSummary } from '../domain/compare-report.js';
import type { MetricComparison, Verdict } from '../domain/comparison.js';
import { metricByName } from '../domain/metrics.js';

/** One verdict metric of one compared benchmark: a row of a verdict table. */
export interface ComparisonRow {
  benchmark: string;
  comparison: MetricComparison;
}

/** The rows of each verdict table, worst first, and the benchmarks without a verdict. */
export interface CommentModel {
  rows: Record<Verdict, ComparisonRow[]>;
  /** Benchmarks with status `ok`. */
  compared: BenchmarkComparison[];
  failed: BenchmarkComparison[];
  /** Benchmarks with status `new`: measured at head only. */
  added: BenchmarkComparison[];
}

/** @returns whether a metric gets a verdict (throughput, latency percentiles) rather than a delta only. */
export function isVerdictMetric(metric: string): boolean {
  return metricByName(metric)?.verdict === true;
}

/**
 * How far a row surely moved: the end of its interval nearest zero (the estimate when there is
 * no interval), as an absolute fraction rounded to the 0.1% the comment shows. Ranking by it
 * puts a tight +100% (+100.4% … +101.2%) ahead of a noisy +475% (+7.3% … +1214%).
 */
function magnitude(row: ComparisonRow): number {
  const { change, ci } = row.comparison;
  const sure = ci === null ? Math.abs(change ?? 0) : ci[0] > 0 ? ci[0] : ci[1] < 0 ? -ci[1] : 0;
  return Math.round(sure * 1000);
}

/** Surest change first; throughput first among equal changes; otherwise report order. */
function bySize(a: ComparisonRow, b: ComparisonRow): number {
  const size = magnitude(b) - magnitude(a);
  if (size !== 0) return size;
  return Number(b.comparison.metric === 'throughput') - Number(a.comparison.metric === 'throughput');
}

/** @returns the verdict rows of every compared benchmark, in report order. */
export function verdictRows(benchmarks: readonly BenchmarkComparison[]): ComparisonRow[] {
  return benchmarks
    .filter((b) => b.status === 'ok')
    .flatMap((b) => b.metrics.filter((m) => isVerdictMetric(m.metric)).map((comparison) => ({ benchmark: b.name, comparison })));
}

/** Groups a report for the comment: regressions and improvements largest first, the rest in report order. */
export function buildCommentModel(report: CompareReport): CommentModel {
  const rows: Record<Verdict, ComparisonRow[]> = { regression: [], improvement: [], inconclusive: [], unchanged: [] };
  for (const row of verdictRows(report.benchmarks)) rows[row.comparison.verdict].push(row);
  rows.regression.sort(bySize);
  rows.improvement.sort(bySize);
  return {
    rows,
    compared: report.benchmarks.filter((b) => b.status === 'ok'),
    failed: report.benchmarks.filter((b) => b.status === 'failed'),
    added: report.benchmarks.filter((b) => b.status === 'new'),
  };
}

/**
 * Counts as the PR comment shows them: verdicts per metric row (a benchmark whose throughput and
 * p99 both regressed counts two regressions, one per table row), `failed` and `new` per benchmark.
 * The compare service can fill `CompareReport.summary` with it so `--json` and the comment agree.
 */
export function countVerdicts(benchmarks: readonly BenchmarkComparison[]): CompareSummary {
  const summary: CompareSummary = { regressions: 0, improvements: 0, unchanged: 0, inconclusive: 0, failed: 0, new: 0 };
  for (const { comparison } of verdictRows(benchmarks)) {
    if (comparison.verdict === 'regression') summary.regressions += 1;
    else if (comparison.verdict === 'improvement') summary.improvements += 1;
    else if (comparison.verdict === 'unchanged') summary.unchanged += 1;
    else summary.inconclusive += 1;
  }
  for (const b of benchmarks) {
    if (b.status === 'failed') summary.failed += 1;
    if (b.status === 'new') summary.new += 1;
  }
  return summary;
}
