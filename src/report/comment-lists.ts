/** The PR comment's lists of benchmarks without a verdict: failed ones and new ones. Pure. */
import type { BenchmarkComparison } from '../domain/compare-report.js';
import { formatMetricValue, metricLabel } from './change-format.js';
import { isVerdictMetric } from './comment-model.js';
import { codeSpan, escapeText, plural, truncateText } from './markdown.js';

/** Longest error message shown; longer ones (stack traces) are cut with `…`. */
export const MAX_ERROR_CHARS = 300;

function sideWords(failedSide: BenchmarkComparison['failedSide']): string {
  switch (failedSide) {
    case 'base':
      return 'failed at base';
    case 'head':
      return 'failed at head';
    case 'both':
      return 'failed at base and head';
    default:
      return 'failed';
  }
}

function reason(error: string | null): string {
  return error === null || error.trim() === '' ? 'no reason given' : codeSpan(truncateText(error.trim(), MAX_ERROR_CHARS));
}

/**
 * The failed benchmarks, each with the side that failed and why:
 * `- csv-split: failed at head: \`setup() threw: boom\``. Shows the first `limit`, then a count.
 * @returns `null` when none failed.
 */
export function renderFailedSection(failed: readonly BenchmarkComparison[], limit = Infinity): string | null {
  if (failed.length === 0) return null;
  const lines = failed.slice(0, limit).map((b) => `- ${escapeText(b.name)}: ${sideWords(b.failedSide)}: ${reason(b.error)}`);
  const left = failed.length - Math.min(limit, failed.length);
  if (left > 0) lines.push(`- … and ${plural(left, 'more failed benchmark')} (see --json)`);
  return `### ⚠️ Failed (${failed.length})\n\nNo verdict for these: fix them, or they guard nothing.\n\n${lines.join('\n')}`;
}

function headValues(b: BenchmarkComparison): string {
  return b.metrics
    .filter((m) => isVerdictMetric(m.metric) && m.head.n > 0)
    .map((m) => `${escapeText(metricLabel(m.metric))} ${formatMetricValue(m.head.median, m.unit)}`)
    .join(' · ');
}

/**
 * The new benchmarks (measured at head only), with their head values where measured;
 * with `countOnly`, just how many.
 * @returns `null` when there are none.
 */
export function renderNewSection(added: readonly BenchmarkComparison[], countOnly = false): string | null {
  if (added.length === 0) return null;
  const heading = `### 🆕 New benchmarks (${added.length})`;
  if (countOnly) return `${heading}\n\nMeasured at head only; \`perfbot compare --json\` lists them.`;
  const lines = added.map((b) => {
    const values = headValues(b);
    return `- ${escapeText(b.name)}${values === '' ? '' : `: ${values}`}`;
  });
  return `${heading}\n\nMeasured at head only, so there is nothing to compare them with yet.\n\n${lines.join('\n')}`;
}
