import { median } from '../descriptive.js';
import { metricByName } from '../metrics.js';
import type { LevelRow, NoisySeries, Series, SeriesPoint, TrendChange, TrendReport } from './types.js';

const DAY_MS = 86_400_000;
/** The metrics the report's tables and charts show for every benchmark. */
export const LEVEL_METRICS = ['throughput', 'latency.p99'] as const;

/** The week a report covers. */
export interface ReportWindow {
  /** Monday of the week, `YYYY-MM-DD`. */
  weekOf: string;
  /** ISO 8601: changes whose first new point lies in [from, to) are this week's. */
  from: string;
  to: string;
}

/**
 * The report window of a scheduled run: the whole week before the Monday on or before `now`.
 * @param now ISO 8601
 */
export function previousWeek(now: string): ReportWindow {
  const monday = mondayOf(now);
  const from = new Date(Date.parse(monday) - 7 * DAY_MS).toISOString();
  return { weekOf: from.slice(0, 10), from, to: monday };
}

/**
 * The window of a report asked for by hand: the seven days up to the newest point (so a
 * backfilled history reports its last week, whatever today's date).
 * @param newest ISO 8601 of the newest recorded point
 */
export function weekEndingAt(newest: string): ReportWindow {
  const to = new Date(Date.parse(newest) + 1000).toISOString();
  const from = new Date(Date.parse(to) - 7 * DAY_MS).toISOString();
  return { weekOf: mondayOf(from).slice(0, 10), from, to };
}

/** Midnight UTC of the Monday on or before `iso`, as ISO 8601. */
export function mondayOf(iso: string): string {
  const d = new Date(iso);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - back)).toISOString();
}

export interface BuildReportInput {
  repository: string;
  window: ReportWindow;
  generatedAt: string;
  series: readonly { benchmark: string; metric: string; points: readonly SeriesPoint[] }[];
  /** This week's changes, culprits, PRs and acknowledgements already filled in. */
  changes: readonly TrendChange[];
  failed: readonly { benchmark: string; sha: string; reason: string }[];
  previousIssue: TrendReport['previousIssue'];
}

/** Assembles the weekly report from the series and this week's changes. Pure. */
export function buildTrendReport(input: BuildReportInput): TrendReport {
  const to = Date.parse(input.window.to);
  const inWindow = (p: SeriesPoint) => Date.parse(p.at) < to;
  const full: Series[] = input.series.flatMap((s) => {
    const def = metricByName(s.metric);
    return def ? [{ benchmark: s.benchmark, metric: s.metric, unit: def.unit, better: def.better, points: s.points.filter(inWindow) }] : [];
  });
  const shown = full.filter((s) => (LEVEL_METRICS as readonly string[]).includes(s.metric) && s.points.length > 0);
  const valueAt = (s: Series, at: number) => [...s.points].reverse().find((p) => Date.parse(p.at) <= at)?.value ?? null;
  const levels: LevelRow[] = shown.map((s) => ({
    benchmark: s.benchmark,
    metric: s.metric,
    unit: s.unit,
    better: s.better,
    now: s.points.at(-1)!.value,
    weekAgo: valueAt(s, to - 7 * DAY_MS),
    fourWeeksAgo: valueAt(s, to - 28 * DAY_MS),
    recent: s.points.slice(-30).map((p) => p.value),
  }));
  const moved = (l: LevelRow) => {
    const then = l.fourWeeksAgo ?? l.recent[0] ?? null;
    return then && l.now !== null ? Math.abs(l.now / then - 1) : 0;
  };
  const movers = [...levels]
    .filter((l) => moved(l) > 0)
    .sort((a, b) => moved(b) - moved(a))
    .slice(0, 3)
    .map((l) => {
      const s = shown.find((x) => x.benchmark === l.benchmark && x.metric === l.metric)!;
      return { ...s, points: s.points.slice(-30) };
    });
  const noisiest: NoisySeries[] = shown
    .flatMap((s) => {
      const cv = median(s.points.slice(-30).flatMap((p) => (p.cv === null ? [] : [p.cv])));
      return cv === null ? [] : [{ benchmark: s.benchmark, metric: s.metric, cv }];
    })
    .sort((a, b) => b.cv - a.cv)
    .slice(0, 5);
  const revisions = new Set(full.flatMap((s) => s.points.filter((p) => Date.parse(p.at) >= to - 28 * DAY_MS).map((p) => p.sha))).size;
  const seen = new Set<string>();
  const failed = input.failed.filter((f) => !seen.has(f.benchmark) && seen.add(f.benchmark));
  return {
    repository: input.repository,
    weekOf: input.window.weekOf,
    generatedAt: input.generatedAt,
    revisions,
    changes: [...input.changes].sort((a, b) => Math.abs(b.change) - Math.abs(a.change)),
    levels,
    movers,
    noisiest,
    failed,
    previousIssue: input.previousIssue,
  };
}
