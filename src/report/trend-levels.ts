/** The weekly report's level table (now, a week and four weeks ago, sparkline) and mover charts. Pure. */
import { markdownTable } from 'markdown-table';
import type { LevelRow, Series, TrendChange } from '../domain/trends/types.js';
import { formatMetricValue, formatSignedPercent, metricLabel } from './change-format.js';
import { escapeText, plural } from './markdown.js';
import { renderLineChart } from './mermaid-chart.js';
import { sparkline } from './sparkline.js';
import { leftOutNote, shortSha } from './trend-changes.js';

/** Rows from which the level table is collapsed into `<details>` even when the report fits. */
export const COLLAPSE_LEVEL_ROWS = 40;

/** The level rows grouped by benchmark, in the order the benchmarks first appear. */
export function groupLevels(levels: readonly LevelRow[]): LevelRow[][] {
  const groups = new Map<string, LevelRow[]>();
  for (const row of levels) {
    const group = groups.get(row.benchmark);
    if (group) group.push(row);
    else groups.set(row.benchmark, [row]);
  }
  return [...groups.values()];
}

function value(v: number | null, unit: string): string {
  return v === null || !Number.isFinite(v) ? '—' : formatMetricValue(v, unit);
}

/** now ÷ four weeks ago − 1, or `null` when either is missing (or the old value is 0). */
export function fourWeekChange(row: LevelRow): number | null {
  const { now, fourWeeksAgo: old } = row;
  if (now === null || old === null || old === 0 || !Number.isFinite(now) || !Number.isFinite(old)) return null;
  return now / old - 1;
}

/** What one rendering of the level section shows. */
export interface LevelsShown {
  /** Benchmarks kept (the rest are counted). */
  benchmarks: number;
  /** Whether the table sits in a collapsed `<details>`. */
  collapsed: boolean;
}

/**
 * The "Benchmarks" section: one table, a row per benchmark and metric (the benchmark named on
 * its first row), with the level now, a week ago and four weeks ago, the change over four weeks,
 * and a sparkline of the last 30 points. Shows the first `shown.benchmarks` benchmarks and
 * counts the rest. `null` when there are no rows.
 */
export function renderLevelSection(levels: readonly LevelRow[], shown: LevelsShown): string | null {
  if (levels.length === 0) return null;
  const groups = groupLevels(levels);
  const kept = groups.slice(0, shown.benchmarks);
  const rows = kept.flatMap((group) =>
    group.map((row, i) => {
      const change = fourWeekChange(row);
      return [
        i === 0 ? escapeText(row.benchmark) : '',
        escapeText(metricLabel(row.metric)),
        value(row.now, row.unit),
        value(row.weekAgo, row.unit),
        value(row.fourWeeksAgo, row.unit),
        change === null ? '—' : formatSignedPercent(change),
        row.recent.length === 0 ? '—' : sparkline(row.recent),
      ];
    }),
  );
  const heading = `### 📊 Benchmarks (${groups.length})`;
  const parts: string[] = [];
  if (rows.length > 0) {
    const header = ['benchmark', 'metric', 'now', 'a week ago', 'four weeks ago', 'vs four weeks ago', 'last 30 revisions'];
    parts.push(markdownTable([header, ...rows], { align: ['l', 'l', 'r', 'r', 'r', 'r', 'l'], alignDelimiters: false }));
  }
  const note = leftOutNote(groups.length - kept.length, kept.length, 'benchmark');
  if (note) parts.push(note);
  const body = parts.join('\n\n');
  if (!shown.collapsed || kept.length === 0) return `${heading}\n\n${body}`;
  const summary = `${plural(groups.length, 'benchmark')}: levels now, a week and four weeks ago`;
  return `${heading}\n\n<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

function date(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : escapeText(iso);
}

/** One mover: a heading, its chart (x-axis: point numbers) and which commits the points span. */
function renderMover(series: Series, levels: readonly LevelRow[], changes: readonly TrendChange[]): string | null {
  const points = series.points.filter((p) => Number.isFinite(p.value));
  const chart = renderLineChart({
    title: `${series.benchmark} ${metricLabel(series.metric)}`,
    unit: series.unit,
    labels: points.map((_, i) => String(i + 1)),
    values: points.map((p) => p.value),
  });
  if (chart === null) return null;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const level = levels.find((l) => l.benchmark === series.benchmark && l.metric === series.metric);
  const moved = level ? fourWeekChange(level) : null;
  const heading = `#### ${escapeText(series.benchmark)} · ${escapeText(metricLabel(series.metric))}${moved === null ? '' : ` (${formatSignedPercent(moved)} over four weeks)`}`;
  const span =
    points.length === 1
      ? `Point 1: ${shortSha(first.sha)} (${date(first.at)})`
      : `Points 1–${points.length}: ${shortSha(first.sha)} (${date(first.at)}) → ${shortSha(last.sha)} (${date(last.at)})`;
  const marks = changes
    .filter((c) => c.benchmark === series.benchmark && c.metric === series.metric)
    .map((c) => ({ c, index: points.findIndex((p) => p.sha === c.at.sha) }))
    .filter(({ index }) => index >= 0)
    .map(({ c, index }) => `${c.kind} from point ${index + 1} (${shortSha(c.at.sha)}, ${formatSignedPercent(c.change)})`);
  const caption = `<sub>${[span, ...marks].join(' · ')}</sub>`;
  return `${heading}\n\n${chart}\n\n${caption}`;
}

/**
 * The "Biggest movers" section: a line chart per series (up to three), each on its own y-axis
 * since units differ. `null` when no series has a finite point.
 */
export function renderMoverSection(movers: readonly Series[], levels: readonly LevelRow[], changes: readonly TrendChange[]): string | null {
  const charts = movers.slice(0, 3).map((s) => renderMover(s, levels, changes)).filter((c): c is string => c !== null);
  if (charts.length === 0) return null;
  return `### 📈 Biggest movers over four weeks\n\n${charts.join('\n\n')}`;
}
