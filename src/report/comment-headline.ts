/** The two lines every PR comment starts with: a headline in words and the verdict counts. Pure. */
import type { CompareReport } from '../domain/compare-report.js';
import { formatChange, metricLabel } from './change-format.js';
import type { CommentModel, ComparisonRow } from './comment-model.js';
import { escapeText, plural } from './markdown.js';

function rowPhrase(row: ComparisonRow): string {
  const { comparison } = row;
  return `**${escapeText(row.benchmark)} ${escapeText(metricLabel(comparison.metric))} ${formatChange(comparison.change, comparison.ci)}**`;
}

function failedSuffix(model: CommentModel): string {
  return model.failed.length === 0 ? '' : `, but ${plural(model.failed.length, 'benchmark')} failed (no verdict for them)`;
}

/**
 * The headline: the worst regression with its interval, else the best improvement, else how
 * many benchmarks are inconclusive or unchanged; it counts the same rows as the tables.
 */
export function renderHeadline(report: CompareReport, model: CommentModel): string {
  const { regression, improvement, inconclusive } = model.rows;
  const [worst] = regression;
  if (worst) {
    const more = regression.length > 1 ? ` and ${plural(regression.length - 1, 'more regression')}` : '';
    return `🔴 Performance regression: ${rowPhrase(worst)}${more}`;
  }
  const [best] = improvement;
  if (best) {
    const more = improvement.length > 1 ? ` and ${plural(improvement.length - 1, 'more improvement')}` : '';
    return `🟢 Performance improvement: ${rowPhrase(best)}${more}; no regressions`;
  }
  if (inconclusive.length > 0) {
    const benchmarks = new Set(inconclusive.map((r) => r.benchmark)).size;
    return (
      `❔ Inconclusive for ${plural(benchmarks, 'benchmark')}: ${report.pairs.used} pairs could not tell the change ` +
      `from noise; more pairs would resolve it (the cap is ${report.pairs.max})${failedSuffix(model)}`
    );
  }
  if (model.compared.length > 0) return `⚪ No significant change in ${plural(model.compared.length, 'benchmark')}${failedSuffix(model)}`;
  if (model.failed.length > 0) return `⚠️ No verdict: ${model.failed.length} of ${plural(report.benchmarks.length, 'benchmark')} failed`;
  if (model.added.length > 0) return `🆕 Nothing to compare yet: ${plural(model.added.length, 'new benchmark')}, measured at head only`;
  return '⚪ No benchmarks ran';
}

/**
 * The verdict line, e.g. `❌ 2 regressions, 1 improvement, 3 unchanged, 1 inconclusive (7 metrics
 * in 3 benchmarks) · 1 benchmark failed · 1 new benchmark`. Verdicts count table rows (metrics),
 * failed and new count benchmarks; zero counts are left out. With `baselineFallback`, it also
 * says that the baseline is not the merge-base.
 */
export function renderVerdictLine(model: CommentModel, baselineFallback = false): string {
  const { regression, improvement, unchanged, inconclusive } = model.rows;
  const icon = regression.length > 0 ? '❌' : model.failed.length > 0 ? '⚠️' : inconclusive.length > 0 ? '❔' : '✅';
  const verdicts = [
    regression.length > 0 ? plural(regression.length, 'regression') : null,
    improvement.length > 0 ? plural(improvement.length, 'improvement') : null,
    unchanged.length > 0 ? `${unchanged.length} unchanged` : null,
    inconclusive.length > 0 ? `${inconclusive.length} inconclusive` : null,
  ].filter((part): part is string => part !== null);
  const metrics = regression.length + improvement.length + unchanged.length + inconclusive.length;
  const parts: string[] = [];
  if (model.compared.length > 0) {
    const counted = verdicts.length > 0 ? verdicts.join(', ') : 'no verdict metrics';
    parts.push(`${counted} (${plural(metrics, 'metric')} in ${plural(model.compared.length, 'benchmark')})`);
  }
  if (model.failed.length > 0) parts.push(`${plural(model.failed.length, 'benchmark')} failed`);
  if (model.added.length > 0) parts.push(plural(model.added.length, 'new benchmark'));
  if (parts.length === 0) parts.push('nothing measured');
  if (baselineFallback) parts.push('⚠️ baseline is not the merge-base (see below)');
  return `${icon} ${parts.join(' · ')}`;
}
