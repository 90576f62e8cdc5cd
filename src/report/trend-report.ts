/** The weekly trend report issue: title and body. Pure. */
import type { TrendReport } from '../domain/trends/types.js';
import { truncateText } from './markdown.js';
import { DEFAULT_MAX_CHARS } from './pr-comment.js';
import { CHANGES_NOTE, renderChangeSection } from './trend-changes.js';
import { COLLAPSE_LEVEL_ROWS, groupLevels, renderLevelSection, renderMoverSection } from './trend-levels.js';
import { renderFailedTrendSection, renderNoisySection, renderTrendFooter } from './trend-lists.js';
import { renderTrendSummary } from './trend-summary.js';

/** The hidden first line by which the app finds the report issue of a week. */
export function trendReportMarker(weekOf: string): string {
  return `<!-- perfbot:report ${weekOf} -->`;
}

/** `Performance report — week of 2024-06-03`. */
export function trendReportTitle(weekOf: string): string {
  return `Performance report — week of ${weekOf}`;
}

/** Failed benchmarks listed once the report has to shrink; the rest are counted. */
const FAILED_LISTED_WHEN_SHORT = 20;

/** What one rendering keeps; each step of shrinking keeps less. */
interface Layout {
  levelsCollapsed: boolean;
  levelBenchmarks: number;
  failedLimit: number;
  improvementLimit: number;
  regressionLimit: number;
}

function compose(report: TrendReport, layout: Layout): string {
  const regressions = report.changes.filter((c) => c.kind === 'regression');
  const improvements = report.changes.filter((c) => c.kind === 'improvement');
  const blocks: (string | null)[] = [
    `${trendReportMarker(report.weekOf)}\n${renderTrendSummary(report)}`,
    renderChangeSection('regression', regressions, layout.regressionLimit),
    renderChangeSection('improvement', improvements, layout.improvementLimit),
    report.changes.length > 0 ? CHANGES_NOTE : null,
    renderLevelSection(report.levels, { benchmarks: layout.levelBenchmarks, collapsed: layout.levelsCollapsed }),
    renderMoverSection(report.movers, report.levels, report.changes),
    renderNoisySection(report.noisiest),
    renderFailedTrendSection(report.failed, layout.failedLimit),
    renderTrendFooter(report),
  ];
  return `${blocks.filter((b): b is string => b !== null).join('\n\n')}\n`;
}

/** The largest `limit` in 0…`total` whose rendering fits (length grows with it), rendered. */
function fitLimit(total: number, render: (limit: number) => string, maxChars: number): string {
  let lo = 0;
  let hi = total;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(mid).length <= maxChars) lo = mid;
    else hi = mid - 1;
  }
  return render(lo);
}

/**
 * Renders the weekly report issue. The body holds, in order: the hidden marker
 * `<!-- perfbot:report YYYY-MM-DD -->`, a summary paragraph, the regressions and improvements
 * of the week (tables with change and interval, commit, author, PR, culprit, acknowledgement;
 * left out when empty), the benchmarks' levels now, a week and four weeks ago with a sparkline,
 * a mermaid line chart per biggest mover, the noisiest series, the failed benchmarks, and a
 * footer with the generation time and the report issue it replaces.
 *
 * The body is never longer than `maxChars` (UTF-16 code units; default 65,000, under GitHub's
 * 65,536). A report too long for it first collapses the benchmark table into `<details>`
 * (as it does anyway past 40 rows), then drops benchmark rows from the end (`… and N more
 * benchmarks`), then lists only 20 failed benchmarks, then drops improvement rows and then
 * regression rows from the smallest up, each counted.
 */
export function renderTrendReport(report: TrendReport, options: { maxChars?: number } = {}): { title: string; body: string } {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const title = trendReportTitle(report.weekOf);
  const benchmarks = groupLevels(report.levels).length;
  const improvements = report.changes.filter((c) => c.kind === 'improvement').length;
  const regressions = report.changes.length - improvements;
  let layout: Layout = {
    levelsCollapsed: report.levels.length > COLLAPSE_LEVEL_ROWS,
    levelBenchmarks: benchmarks,
    failedLimit: Infinity,
    improvementLimit: Infinity,
    regressionLimit: Infinity,
  };
  const fits = (l: Layout) => compose(report, l).length <= maxChars;
  if (fits(layout)) return { title, body: compose(report, layout) };
  layout = { ...layout, levelsCollapsed: true };
  if (fits(layout)) return { title, body: compose(report, layout) };
  const withBenchmarks = (n: number): Layout => ({ ...layout, levelBenchmarks: n });
  if (fits(withBenchmarks(0))) {
    return { title, body: fitLimit(benchmarks, (n) => compose(report, withBenchmarks(n)), maxChars) };
  }
  layout = { ...withBenchmarks(0), failedLimit: FAILED_LISTED_WHEN_SHORT };
  if (fits(layout)) return { title, body: compose(report, layout) };
  const withImprovements = (n: number): Layout => ({ ...layout, improvementLimit: n });
  if (fits(withImprovements(0))) {
    return { title, body: fitLimit(improvements, (n) => compose(report, withImprovements(n)), maxChars) };
  }
  layout = withImprovements(0);
  const body = fitLimit(regressions, (n) => compose(report, { ...layout, regressionLimit: n }), maxChars);
  // Only a cap far below GitHub's limit ends here: cut, keeping the marker.
  return { title, body: body.length <= maxChars ? body : truncateText(body, maxChars) };
}
