import { markdownTable } from 'markdown-table';
import type { BenchmarkSummary } from '../domain/bench-summary.js';
import type { Fingerprint } from '../domain/fingerprint.js';
import { formatBytes, formatCount, formatMs, formatPercent, formatUs } from './format.js';
import { codeSpan, escapeText } from './markdown.js';

function throughputCell(s: BenchmarkSummary): string {
  if (!s.throughput) return '—';
  const rate = `${formatCount(s.throughput.median)} msg/s`;
  return s.bytesPerSec === null ? rate : `${rate} (${formatBytes(s.bytesPerSec)}/s)`;
}

/**
 * The `perfbot bench` table: one row per benchmark (throughput with its spread over trials,
 * latency percentiles, CPU per message, peak RSS, the bottleneck stage of pipelines), then
 * one line per failed benchmark with its reason.
 */
export function renderBenchTable(summaries: readonly BenchmarkSummary[], fingerprint: Fingerprint): string {
  const rows = summaries
    .filter((s) => s.okTrials > 0)
    .map((s) => [
      escapeText(s.name) + (s.mode === 'open' ? ' (open loop)' : ''),
      throughputCell(s),
      s.throughput?.cv == null ? '—' : `±${formatPercent(s.throughput.cv)}`,
      s.latency ? formatMs(s.latency.p50) : '—',
      s.latency ? formatMs(s.latency.p99) : '—',
      s.latency ? formatMs(s.latency.p999) : '—',
      s.cpuPerMessageUs === null ? '—' : formatUs(s.cpuPerMessageUs),
      s.peakRssBytes === null ? '—' : formatBytes(s.peakRssBytes),
      s.bottleneck ? `${escapeText(s.bottleneck.stage)} (${formatPercent(s.bottleneck.share, 0)})` : '—',
    ]);
  const out: string[] = [];
  const trials = Math.max(0, ...summaries.map((s) => s.trials));
  out.push(`**perfbot bench** · ${summaries.length} benchmarks · ${trials} trials each · ${escapeText(fingerprint.cpu)} ×${fingerprint.cores} · Node ${escapeText(fingerprint.node)} · pinning ${escapeText(fingerprint.pinning)}`, '');
  if (rows.length > 0) {
    out.push(
      markdownTable([['benchmark', 'throughput', 'CV', 'p50', 'p99', 'p99.9', 'CPU/msg', 'peak RSS', 'bottleneck'], ...rows], {
        align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
      }),
    );
  }
  const failed = summaries.filter((s) => s.status === 'failed');
  if (failed.length > 0) {
    out.push('', `**${failed.length} failed**`, '');
    for (const s of failed) out.push(`- ${codeSpan(s.name)} (${escapeText(s.path)}): ${s.error === null || s.error.trim() === '' ? 'no reason given' : escapeText(s.error)}`);
  }
  return out.join('\n') + '\n';
}
