/** Deterministic `TrendReport` fixtures for the weekly report tests. */
import type { LevelRow, NoisySeries, Series, SeriesPoint, TrendChange, TrendReport } from '../../../src/domain/trends/types.js';
import { metricByName } from '../../../src/domain/metrics.js';

/** A 40-hex sha derived from a seed (FNV-1a, repeated): the same seed, the same sha. */
export function shaOf(seed: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 40; round++) {
    for (const ch of `${seed}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

function unitOf(metric: string): { unit: string; better: 'higher' | 'lower' } {
  const def = metricByName(metric);
  if (!def) throw new Error(`unknown metric ${metric}`);
  return { unit: def.unit, better: def.better };
}

/** Day `i` after 2024-05-11 (UTC), ISO 8601 at 12:00: revision 23 lands on Monday 2024-06-03, 29 on Sunday 2024-06-09. */
function dayIso(i: number): string {
  return new Date(Date.UTC(2024, 4, 11, 12) + i * 86_400_000).toISOString();
}

/** The `i`-th recorded revision of the default branch with a value. */
export function point(i: number, value: number, overrides: Partial<SeriesPoint> = {}): SeriesPoint {
  return {
    sha: shaOf(`rev-${i}`),
    at: dayIso(i),
    value,
    n: 10,
    cv: 0.03,
    author: `Dev ${i % 3}`,
    subject: `Commit number ${i}`,
    ...overrides,
  };
}

/** A step series: `before` up to (not including) point `stepAt`, then `after`, with a small deterministic wiggle. */
export function stepValues(count: number, before: number, after: number, stepAt: number): number[] {
  return Array.from({ length: count }, (_, i) => (i < stepAt ? before : after) * (1 + 0.01 * Math.sin(i * 1.7)));
}

/** A series of `values`, point `i` being revision `i`. */
export function series(benchmark: string, metric: string, values: readonly number[]): Series {
  return { benchmark, metric, ...unitOf(metric), points: values.map((v, i) => point(i, v)) };
}

export interface ChangeSpec {
  benchmark: string;
  metric: string;
  kind: TrendChange['kind'];
  before: number;
  after: number;
  ci?: [number, number] | null;
  /** Index of the first revision at the new level (the previous one is `at − 1`). */
  at?: number;
  unmeasured?: number;
  bisect?: TrendChange['bisect'];
  culprit?: TrendChange['culprit'];
  acknowledgedBy?: string | null;
}

/** A change point; `change` follows from `before` and `after`, the interval defaults to change ± 2%. */
export function change(spec: ChangeSpec): TrendChange {
  const at = spec.at ?? 20;
  const c = spec.after / spec.before - 1;
  const unmeasured = spec.unmeasured ?? 0;
  const atPoint = point(at, spec.after);
  return {
    benchmark: spec.benchmark,
    metric: spec.metric,
    unit: unitOf(spec.metric).unit,
    kind: spec.kind,
    at: atPoint,
    previous: point(at - 1, spec.before),
    before: spec.before,
    after: spec.after,
    change: c,
    ci: spec.ci !== undefined ? spec.ci : [c - 0.02, c + 0.02],
    p: 0.0002,
    unmeasured,
    culprit:
      spec.culprit !== undefined
        ? spec.culprit
        : unmeasured === 0
          ? { sha: atPoint.sha, subject: atPoint.subject, author: atPoint.author, pr: null }
          : null,
    bisect: spec.bisect ?? 'none',
    acknowledgedBy: spec.acknowledgedBy ?? null,
  };
}

/** A level row; `recent` defaults to 30 points stepping from four-weeks-ago to now. */
export function level(benchmark: string, metric: string, now: number, weekAgo: number | null, fourWeeksAgo: number | null, recent?: number[]): LevelRow {
  return {
    benchmark,
    metric,
    ...unitOf(metric),
    now,
    weekAgo,
    fourWeeksAgo,
    recent: recent ?? stepValues(30, fourWeeksAgo ?? now, now, 20),
  };
}

const REPO = 'acme/streams';
const GENERATED_AT = '2024-06-10T06:00:00.000Z';
const WEEK_OF = '2024-06-03';

/** A report with nothing in it; `overrides` fill it in. */
export function makeTrendReport(overrides: Partial<TrendReport> = {}): TrendReport {
  return {
    repository: REPO,
    weekOf: WEEK_OF,
    generatedAt: GENERATED_AT,
    revisions: 30,
    changes: [],
    levels: [],
    movers: [],
    noisiest: [],
    failed: [],
    previousIssue: null,
    ...overrides,
  };
}

/** The three benchmarks of the realistic report, each with throughput and p99 latency. */
function realisticLevels(): LevelRow[] {
  return [
    level('ndjson-parse', 'throughput', 104_000, 119_800, 120_400, stepValues(30, 120_400, 104_000, 23)),
    level('ndjson-parse', 'latency.p99', 1.42, 1.19, 1.18, stepValues(30, 1.18, 1.42, 23)),
    level('csv-split', 'throughput', 2_310_000, 2_290_000, 2_300_000, stepValues(30, 2_300_000, 2_310_000, 0)),
    level('csv-split', 'latency.p99', 0.0871, 0.0712, 0.07, stepValues(30, 0.07, 0.0871, 24)),
    level('gzip-pipeline', 'throughput', 48_100, 41_000, 40_900, stepValues(30, 40_900, 48_100, 26)),
    level('gzip-pipeline', 'latency.p99', 4.1, null, null, [4.2, 4.0, Number.NaN, 4.1]),
  ];
}

/**
 * A realistic week: two regressions (one acknowledged, one bisected), one improvement,
 * three benchmarks, three movers, noisy and failed series, and a previous report issue.
 */
export function realisticTrendReport(): TrendReport {
  const bisected = shaOf('culprit');
  return makeTrendReport({
    revisions: 30,
    changes: [
      change({
        benchmark: 'ndjson-parse',
        metric: 'throughput',
        kind: 'regression',
        before: 120_400,
        after: 104_000,
        ci: [-0.155, -0.099],
        at: 23,
        unmeasured: 4,
        bisect: 'found',
        culprit: { sha: bisected, subject: 'Parse lines with a RegExp | split on \\n', author: 'Ada Lovelace', pr: 123 },
      }),
      change({
        benchmark: 'csv-split',
        metric: 'latency.p99',
        kind: 'regression',
        before: 0.0701,
        after: 0.0871,
        ci: [0.18, 0.32],
        at: 24,
        unmeasured: 0,
        acknowledgedBy: 'octocat',
      }),
      change({
        benchmark: 'gzip-pipeline',
        metric: 'throughput',
        kind: 'improvement',
        before: 40_900,
        after: 48_100,
        ci: [0.12, 0.23],
        at: 26,
        unmeasured: 2,
        bisect: 'pending',
      }),
    ],
    levels: realisticLevels(),
    movers: [
      series('ndjson-parse', 'throughput', stepValues(30, 120_400, 104_000, 23)),
      series('csv-split', 'latency.p99', stepValues(30, 0.07, 0.0871, 24)),
      series('gzip-pipeline', 'throughput', stepValues(30, 40_900, 48_100, 26)),
    ],
    noisiest: [
      { benchmark: 'gzip-pipeline', metric: 'latency.p99', cv: 0.142 },
      { benchmark: 'csv-split', metric: 'throughput', cv: 0.061 },
    ] satisfies NoisySeries[],
    failed: [{ benchmark: 'tls-echo', sha: shaOf('rev-29'), reason: 'setup() threw: Error: EADDRINUSE | port 8443 in use' }],
    previousIssue: { number: 41, url: 'https://github.com/acme/streams/issues/41' },
  });
}

/** A quiet week: levels and a mover, but no change, no noise, nothing failed. */
export function quietTrendReport(): TrendReport {
  return makeTrendReport({
    revisions: 12,
    levels: [level('ndjson-parse', 'throughput', 120_000, 119_500, 120_300, stepValues(30, 120_000, 120_000, 0))],
    movers: [series('ndjson-parse', 'throughput', stepValues(12, 120_000, 120_000, 0))],
  });
}

/** `count` benchmarks, each with throughput and p99 latency, and nothing else changed. */
export function manyBenchmarksReport(count: number): TrendReport {
  const levels: LevelRow[] = [];
  for (let i = 0; i < count; i++) {
    const name = `bench-${String(i).padStart(3, '0')}-stream-transform`;
    levels.push(level(name, 'throughput', 100_000 + i, 99_000 + i, 98_000 + i));
    levels.push(level(name, 'latency.p99', 1 + i / 1000, 1.01, 1.02));
  }
  return makeTrendReport({ revisions: 30, levels });
}
