import { buildTrendReport, LEVEL_METRICS, type ReportWindow } from '../../domain/trends/build-report.js';
import { detectTrendChanges, TREND_METRICS, type DetectedChange } from '../../domain/trends/detect.js';
import type { TrendChange, TrendReport } from '../../domain/trends/types.js';
import { metricByName } from '../../domain/metrics.js';
import type { ResultStore } from '../ports.js';
import type { SeriesStore } from '../series-store.js';

const DAY_MS = 86_400_000;
/** History read before the window: four weeks for the levels, plus room for the change-point windows. */
const LOOKBACK_DAYS = 35;

/** What the report needs beyond the stored series; each lookup is optional (the CLI has no GitHub). */
export interface TrendLookups {
  /** First-parent commits strictly between two recorded revisions. */
  commitsBetween?(from: string, to: string): Promise<number>;
  /** The pull request that brought a commit in, or `null`. */
  pullRequestOf?(sha: string): Promise<number | null>;
  /** Who acknowledged a benchmark's regression brought in by this pull request, or `null`. */
  acknowledgedBy?(pr: number, benchmark: string): string | null;
  /** What a bisect of this change found so far, or `null` when none was asked for. */
  bisectOf?(change: DetectedChange): { status: TrendChange['bisect']; culprit: string | null } | null;
  /** Subject and author of a commit (for a bisect's culprit). */
  commitInfo?(sha: string): Promise<{ subject: string | null; author: string | null }>;
}

export interface WeeklyReportRequest {
  /** The store's key for the repository. */
  repository: string;
  window: ReportWindow;
  /** τ per metric (the repository's config thresholds). */
  thresholds: Readonly<Record<string, number>>;
  generatedAt: string;
  previousIssue?: TrendReport['previousIssue'];
}

/**
 * The weekly trend report of one repository: series of the machine that records it, change
 * points of this week (Otava's method, at least τ), each with the commit that did it when it is
 * known (the recorded revision itself when nothing lies between, else what a bisect found).
 * @returns the report, or `null` when the repository has no recorded history at all
 */
export async function buildWeeklyReport(deps: { store: ResultStore; series: SeriesStore; lookups?: TrendLookups }, req: WeeklyReportRequest): Promise<TrendReport | null> {
  const repositoryId = deps.store.repositoryId(req.repository);
  const fingerprintId = deps.series.mainFingerprint(repositoryId);
  if (fingerprintId === null) return null;
  const since = new Date(Date.parse(req.window.from) - LOOKBACK_DAYS * DAY_MS).toISOString();
  const metrics = [...new Set<string>([...TREND_METRICS, ...LEVEL_METRICS])];
  const series = deps.series.series(repositoryId, fingerprintId, since, metrics).map((s) => ({ ...s, benchmark: benchmarkName(s.benchmark) }));
  const detected = detectTrendChanges(series, req.thresholds, req.window.from, req.window.to);
  const lookups = deps.lookups ?? {};
  const changes: TrendChange[] = [];
  for (const d of detected) {
    const unmeasured = lookups.commitsBetween ? await lookups.commitsBetween(d.previous.sha, d.at.sha) : 0;
    const bisected = lookups.bisectOf?.(d) ?? null;
    let culprit: TrendChange['culprit'] = null;
    if (unmeasured === 0) culprit = { sha: d.at.sha, subject: d.at.subject, author: d.at.author, pr: null };
    else if (bisected?.culprit) {
      const info = (await lookups.commitInfo?.(bisected.culprit)) ?? { subject: null, author: null };
      culprit = { sha: bisected.culprit, ...info, pr: null };
    }
    if (culprit && lookups.pullRequestOf) culprit.pr = await lookups.pullRequestOf(culprit.sha);
    const acknowledgedBy = culprit?.pr && lookups.acknowledgedBy ? lookups.acknowledgedBy(culprit.pr, d.benchmark) : null;
    changes.push({
      ...d,
      unit: metricByName(d.metric)?.unit ?? '',
      unmeasured,
      culprit,
      bisect: unmeasured === 0 ? 'none' : (bisected?.status ?? 'none'),
      acknowledgedBy,
    });
  }
  return buildTrendReport({
    repository: req.repository,
    window: req.window,
    generatedAt: req.generatedAt,
    series,
    changes,
    failed: deps.series.latestFailures(repositoryId, fingerprintId).map((f) => ({ ...f, benchmark: benchmarkName(f.benchmark) })),
    previousIssue: req.previousIssue ?? null,
  });
}

/** A benchmark's name from its suite key: `benchmarks/ndjson.bench.mjs` → `ndjson`. */
export function benchmarkName(key: string): string {
  return (key.split('/').at(-1) ?? key).replace(/\.bench\.(m?js|ts)$/, '');
}
