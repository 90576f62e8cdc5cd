/** The sticky pull-request comment (the CLI prints the same text). Pure. */
import type { CompareReport } from '../domain/compare-report.js';
import { formatConfidence } from './change-format.js';
import { renderDetailsSection } from './comment-details.js';
import { renderFooter } from './comment-footer.js';
import { renderHeadline, renderVerdictLine } from './comment-headline.js';
import { renderFailedSection, renderNewSection } from './comment-lists.js';
import { buildCommentModel, type CommentModel } from './comment-model.js';
import { renderVerdictSection, TABLE_ORDER, type RowsShown } from './comment-tables.js';
import { truncateText } from './markdown.js';

/** The hidden first line by which the app finds its sticky comment on a pull request. */
export const COMMENT_MARKER = '<!-- perfbot:comment -->';

/** GitHub rejects comment and check-run text longer than this (422). */
export const GITHUB_TEXT_LIMIT = 65_535;

/** Default length cap: GitHub's limit with some room to spare. */
export const DEFAULT_MAX_CHARS = 65_000;

/** Failed benchmarks listed once the comment has to shrink; the rest are counted. */
const FAILED_LISTED_WHEN_SHORT = 20;

/** What one rendering keeps; each step of shrinking keeps less. */
interface Layout {
  details: boolean;
  unchanged: RowsShown;
  /** Improvements and inconclusive rows. */
  others: RowsShown;
  regressions: RowsShown;
  failedLimit: number;
  newCountOnly: boolean;
}

const ALL: RowsShown = { kind: 'all' };
const COUNT: RowsShown = { kind: 'count' };

/** Shrinking steps: all; without the detail section; unchanged counted; improvements and inconclusive counted. */
const STEPS: readonly Layout[] = [
  { details: true, unchanged: ALL, others: ALL, regressions: ALL, failedLimit: Infinity, newCountOnly: false },
  { details: false, unchanged: ALL, others: ALL, regressions: ALL, failedLimit: Infinity, newCountOnly: false },
  { details: false, unchanged: COUNT, others: ALL, regressions: ALL, failedLimit: Infinity, newCountOnly: false },
  { details: false, unchanged: COUNT, others: COUNT, regressions: ALL, failedLimit: FAILED_LISTED_WHEN_SHORT, newCountOnly: true },
];

function compose(report: CompareReport, model: CommentModel, layout: Layout): string {
  const confidence = formatConfidence(report.alpha);
  const shown = (verdict: (typeof TABLE_ORDER)[number]): RowsShown =>
    verdict === 'regression' ? layout.regressions : verdict === 'unchanged' ? layout.unchanged : layout.others;
  const blocks: (string | null)[] = [
    `${COMMENT_MARKER}\n${renderHeadline(report, model)}`,
    renderVerdictLine(model, report.mergeBase.fallback),
    ...TABLE_ORDER.map((verdict) => renderVerdictSection(verdict, model.rows[verdict], shown(verdict), confidence)),
    renderFailedSection(model.failed, layout.failedLimit),
    renderNewSection(model.added, layout.newCountOnly),
    layout.details ? renderDetailsSection(model.compared) : null,
    renderFooter(report),
  ];
  return `${blocks.filter((b): b is string => b !== null).join('\n\n')}\n`;
}

/** The most regression rows that fit in `maxChars` (binary search: length grows with rows). */
function fitRegressions(report: CompareReport, model: CommentModel, layout: Layout, maxChars: number): string {
  const withRows = (limit: number): string => compose(report, model, { ...layout, regressions: { kind: 'first', limit } });
  let lo = 0;
  let hi = model.rows.regression.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (withRows(mid).length <= maxChars) lo = mid;
    else hi = mid - 1;
  }
  return withRows(lo);
}

/**
 * Renders the sticky PR comment: the hidden marker, a headline naming the worst regression
 * with its interval, a verdict line counting the same rows as the tables, one table per verdict
 * (regressions, improvements, inconclusive, unchanged collapsed), failed and new benchmarks,
 * latency and resources per benchmark, and a footer naming base, head, merge-base, runner,
 * pairs, trials, α and duration.
 *
 * The text is never longer than `maxChars` (UTF-16 code units, which never undercounts GitHub's
 * characters; default 65,000). A report too long for it loses, in this order: the detail
 * section, the unchanged rows, the improvement and inconclusive rows (each then counted), then
 * regression rows from the smallest up (`… and N more regressions (see --json)`). The marker,
 * headline, verdict line and footer always stay, unless `maxChars` is too small even for them.
 */
export function renderPrComment(report: CompareReport, options: { maxChars?: number } = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const model = buildCommentModel(report);
  let last = STEPS[0]!;
  for (const layout of STEPS) {
    const text = compose(report, model, layout);
    if (text.length <= maxChars) return text;
    last = layout;
  }
  const fitted = fitRegressions(report, model, last, maxChars);
  if (fitted.length <= maxChars) return fitted;
  // Only a cap far below GitHub's limit (or a pathological footer) ends here: cut, keeping the marker.
  return truncateText(fitted, maxChars);
}
