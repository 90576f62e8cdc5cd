/** Formatting of comparisons: signed changes with their interval, values with units, durations. Pure. */
import { formatBytes, formatCount, formatMs, formatUs } from './format.js';

const MINUS = '\u2212';

/** A fraction as a signed percentage with one decimal and a real minus sign: −0.061 → `−6.1%`, 0.02 → `+2.0%`. */
export function formatSignedPercent(fraction: number): string {
  const digits = (Math.abs(fraction) * 100).toFixed(1);
  if (Number(digits) === 0) return '0.0%';
  return `${fraction < 0 ? MINUS : '+'}${digits}%`;
}

/**
 * A relative change with its interval: `−6.1% (−7.4% … −4.9%)`; `−6.1% (interval n/a)` when the
 * interval is `null`; `—` when the change is `null` (no pairs).
 */
export function formatChange(change: number | null, ci: readonly [number, number] | null): string {
  if (change === null) return '—';
  const interval = ci === null ? '(interval n/a)' : `(${formatSignedPercent(ci[0])} … ${formatSignedPercent(ci[1])})`;
  return `${formatSignedPercent(change)} ${interval}`;
}

/** A metric's value in its unit (see `METRICS`): `120 k msg/s`, `1.25 ms`, `9.50 µs/msg`, `48.0 MB`. */
export function formatMetricValue(value: number, unit: string): string {
  switch (unit) {
    case 'msg/s':
      return `${formatCount(value)} msg/s`;
    case 'ms':
      return formatMs(value);
    case 'µs/msg':
      return `${formatUs(value)}/msg`;
    case 'bytes':
      return formatBytes(value);
    default:
      return `${formatCount(value)} ${unit}`;
  }
}

const METRIC_LABELS: Record<string, string> = {
  throughput: 'throughput',
  'latency.p50': 'p50 latency',
  'latency.p99': 'p99 latency',
  'latency.p999': 'p99.9 latency',
  cpu: 'CPU/msg',
  rss: 'peak RSS',
};

/** The words a report uses for a metric: `latency.p999` → `p99.9 latency`; unknown names as they are. */
export function metricLabel(metric: string): string {
  return METRIC_LABELS[metric] ?? metric;
}

/** A wall time in milliseconds as `850 ms`, `4.2 s`, `38 s`, `4 min 12 s`, `1 h 3 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const total = Math.round(seconds);
  if (total < 3600) return `${Math.floor(total / 60)} min ${total % 60} s`;
  return `${Math.floor(total / 3600)} h ${Math.floor((total % 3600) / 60)} min`;
}

/** The confidence of an interval at significance `alpha`: 0.01 → `99%`, 0.05 → `95%`, 0.001 → `99.9%`. */
export function formatConfidence(alpha: number): string {
  return `${Number(((1 - alpha) * 100).toFixed(2))}%`;
}
