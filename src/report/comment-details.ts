/** The PR comment's per-benchmark detail: latency, CPU, memory and the pipeline bottleneck. Pure. */
import { markdownTable } from 'markdown-table';
import type { BenchmarkComparison } from '../domain/compare-report.js';
import type { MetricComparison } from '../domain/comparison.js';
import { formatMetricValue, formatSignedPercent } from './change-format.js';
import { formatPercent, formatUs } from './format.js';
import { escapeText } from './markdown.js';

/** A change of the bottleneck's share of time (as a fraction) that is worth a note. */
export const BOTTLENECK_SHARE_NOTE = 0.1;

type Bottleneck = NonNullable<BenchmarkComparison['bottleneck']>;
type Stage = { stage: string; share: number };

function find(b: BenchmarkComparison, metric: string): MetricComparison | undefined {
  return b.metrics.find((m) => m.metric === metric);
}

/** A value as the detail table shows it: the column names the unit per message, so `9.50 µs`. */
function value(side: MetricComparison['base'], unit: string): string {
  if (side.n === 0) return '—';
  return unit === 'µs/msg' ? formatUs(side.median) : formatMetricValue(side.median, unit);
}

/** `1.02 ms → 1.10 ms`; with `delta`, the relative change after it. */
function baseToHead(m: MetricComparison | undefined, delta: boolean): string {
  if (!m) return '—';
  const text = `${value(m.base, m.unit)} → ${value(m.head, m.unit)}`;
  return delta && m.change !== null ? `${text} (${formatSignedPercent(m.change)})` : text;
}

function stageText(s: Stage | null): string {
  return s === null ? '—' : `${escapeText(s.stage)} ${formatPercent(s.share, 0)}`;
}

/** @returns whether the bottleneck stage moved to another stage between base and head. */
export function bottleneckMoved(b: Bottleneck): boolean {
  return b.base !== null && b.head !== null && b.base.stage !== b.head.stage;
}

/** `parse 48% → serialize 61% (moved)`, `parse 45% → 71%` when its share changed a lot, else `parse 62%`. */
export function bottleneckCell(b: Bottleneck | null): string {
  if (b === null || (b.base === null && b.head === null)) return '—';
  if (b.base === null || b.head === null) return `${stageText(b.base)} → ${stageText(b.head)}`;
  if (bottleneckMoved(b)) return `${stageText(b.base)} → ${stageText(b.head)} (moved)`;
  if (Math.abs(b.head.share - b.base.share) >= BOTTLENECK_SHARE_NOTE) {
    return `${stageText(b.base)} → ${formatPercent(b.head.share, 0)} of the time`;
  }
  return stageText(b.head);
}

/**
 * Visible notes for pipelines whose bottleneck moved, then a collapsed table per benchmark:
 * latency p50/p99/p99.9 base → head, CPU per message and peak RSS with their change, bottleneck.
 * @returns `null` when no benchmark was compared.
 */
export function renderDetailsSection(compared: readonly BenchmarkComparison[]): string | null {
  if (compared.length === 0) return null;
  const rows = compared.map((b) => [
    escapeText(b.name),
    baseToHead(find(b, 'latency.p50'), false),
    baseToHead(find(b, 'latency.p99'), false),
    baseToHead(find(b, 'latency.p999'), false),
    baseToHead(find(b, 'cpu'), true),
    baseToHead(find(b, 'rss'), true),
    bottleneckCell(b.bottleneck),
  ]);
  const table = markdownTable([['benchmark', 'p50', 'p99', 'p99.9', 'CPU/msg', 'peak RSS', 'bottleneck'], ...rows], {
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
    alignDelimiters: false,
  });
  const moved = compared.flatMap(({ name, bottleneck }) =>
    bottleneck !== null && bottleneckMoved(bottleneck)
      ? [`🔀 The bottleneck of ${escapeText(name)} moved: ${stageText(bottleneck.base)} → ${stageText(bottleneck.head)} of the time`]
      : [],
  );
  const details = `<details><summary>Latency and resources per benchmark (base → head)</summary>\n\n${table}\n\n</details>`;
  // Paragraphs, not a list: a list here would merge into the failed list above it.
  return [...moved, details].join('\n\n');
}
