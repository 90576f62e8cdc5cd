import type { TrialResult } from './trial.js';

/** Which direction of a metric is good. */
export type Better = 'higher' | 'lower';

/** A measured quantity of a benchmark (design §1). */
export interface MetricDefinition {
  name: string;
  unit: string;
  better: Better;
  /** Metrics that get a verdict; the others are shown as deltas only. */
  verdict: boolean;
  /** @returns the metric's value in one trial, or `null` when the trial does not have it. */
  read(result: TrialResult): number | null;
}

/** Every metric perfbot compares, in report order. */
export const METRICS: readonly MetricDefinition[] = [
  { name: 'throughput', unit: 'msg/s', better: 'higher', verdict: true, read: (r) => r.throughput },
  { name: 'latency.p50', unit: 'ms', better: 'lower', verdict: true, read: (r) => r.latency?.p50 ?? null },
  { name: 'latency.p99', unit: 'ms', better: 'lower', verdict: true, read: (r) => r.latency?.p99 ?? null },
  { name: 'latency.p999', unit: 'ms', better: 'lower', verdict: true, read: (r) => r.latency?.p999 ?? null },
  { name: 'cpu', unit: 'µs/msg', better: 'lower', verdict: false, read: (r) => r.cpuPerMessageUs },
  { name: 'rss', unit: 'bytes', better: 'lower', verdict: false, read: (r) => r.peakRssBytes },
];

/** @returns the metric definition, or `null` for an unknown name. */
export function metricByName(name: string): MetricDefinition | null {
  return METRICS.find((m) => m.name === name) ?? null;
}
