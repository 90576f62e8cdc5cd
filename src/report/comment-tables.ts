/** The verdict tables of the PR comment: one per verdict, unchanged ones collapsed. Pure. */
import { markdownTable } from 'markdown-table';
import type { MetricComparison, Verdict } from '../domain/comparison.js';
import { formatChange, formatMetricValue, metricLabel } from './change-format.js';
import type { ComparisonRow } from './comment-model.js';
import { escapeText } from './markdown.js';

/** How a verdict's rows are shown: all of them, the first `limit`, or only their count. */
export type RowsShown = { kind: 'all' } | { kind: 'first'; limit: number } | { kind: 'count' };

interface VerdictStyle {
  title: string;
  mark: string;
  /** Singular and plural noun for "… and N more". */
  noun: [string, string];
  note: string | null;
}

/** Titles, marks and notes per verdict, in the order the comment shows them. */
export const VERDICT_STYLES: Readonly<Record<Verdict, VerdictStyle>> = {
  regression: { title: '🔴 Regressions', mark: '🔴 regression', noun: ['regression', 'regressions'], note: null },
  improvement: { title: '🟢 Improvements', mark: '🟢 improvement', noun: ['improvement', 'improvements'], note: null },
  inconclusive: {
    title: '❔ Inconclusive',
    mark: '❔ inconclusive',
    noun: ['inconclusive metric', 'inconclusive metrics'],
    note: 'Neither a change beyond the threshold nor its absence could be shown with the pairs measured; more pairs would tell.',
  },
  unchanged: { title: '⚪ Unchanged', mark: '⚪ unchanged', noun: ['unchanged metric', 'unchanged metrics'], note: null },
};

/** The order of the verdict tables. */
export const TABLE_ORDER: readonly Verdict[] = ['regression', 'improvement', 'inconclusive', 'unchanged'];

function side(value: MetricComparison['base'], unit: string): string {
  return value.n > 0 ? formatMetricValue(value.median, unit) : '—';
}

/** A verdict table: benchmark | metric | base | head | change (interval) | verdict. */
export function renderVerdictTable(rows: readonly ComparisonRow[], confidence: string): string {
  const body = rows.map(({ benchmark, comparison: c }) => [
    escapeText(benchmark),
    escapeText(metricLabel(c.metric)),
    side(c.base, c.unit),
    side(c.head, c.unit),
    formatChange(c.change, c.ci),
    VERDICT_STYLES[c.verdict].mark,
  ]);
  return markdownTable([['benchmark', 'metric', 'base', 'head', `change (${confidence} interval)`, 'verdict'], ...body], {
    align: ['l', 'l', 'r', 'r', 'r', 'l'],
    alignDelimiters: false,
  });
}

/**
 * One verdict's section; `null` when it has no rows. Unchanged rows sit in a collapsed
 * `<details>`; rows left out to fit GitHub's limit are counted and point to `--json`.
 */
export function renderVerdictSection(verdict: Verdict, rows: readonly ComparisonRow[], shown: RowsShown, confidence: string): string | null {
  if (rows.length === 0) return null;
  const style = VERDICT_STYLES[verdict];
  const heading = `${style.title} (${rows.length})`;
  if (shown.kind === 'count') {
    return `**${heading}**: rows left out to fit GitHub's comment limit; \`perfbot compare --json\` lists them all.`;
  }
  const kept = shown.kind === 'first' ? rows.slice(0, shown.limit) : rows;
  const parts: string[] = [];
  if (style.note) parts.push(`_${style.note}_`);
  if (kept.length > 0) parts.push(renderVerdictTable(kept, confidence));
  const left = rows.length - kept.length;
  if (left > 0) parts.push(`… and ${left} more ${left === 1 ? style.noun[0] : style.noun[1]} (see --json)`);
  if (verdict === 'unchanged') return `<details><summary>${heading}</summary>\n\n${parts.join('\n\n')}\n\n</details>`;
  return `### ${heading}\n\n${parts.join('\n\n')}`;
}
