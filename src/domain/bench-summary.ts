import { coefficientOfVariation, median } from './descriptive.js';
import type { TrialOutcome, TrialResult } from './trial.js';

/** A metric over a benchmark's trials. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Coefficient of variation over trials (0.03 = 3%), `null` with one trial. */
  cv: number | null;
}

/** One benchmark over all its trials in a `perfbot bench` run. */
export interface BenchmarkSummary {
  name: string;
  path: string;
  /** `failed` as soon as one trial did not end `ok`: a benchmark that fails sometimes is broken. */
  status: 'ok' | 'failed';
  /** One line: the first failure's reason, with how many trials failed. */
  error: string | null;
  trials: number;
  okTrials: number;
  form: TrialResult['form'] | null;
  mode: TrialResult['mode'] | null;
  throughput: Spread | null;
  bytesPerSec: number | null;
  /** Medians over trials, in milliseconds; `null` without latency. */
  latency: { p50: number; p90: number; p99: number; p999: number; max: number } | null;
  cpuPerMessageUs: number | null;
  elu: number | null;
  gc: { count: number; pauseMs: number } | null;
  /** Largest peak RSS of any trial, in bytes. */
  peakRssBytes: number | null;
  peakHeapBytes: number | null;
  /** The stage with the largest median busy share, for pipelines. */
  bottleneck: { stage: string; share: number } | null;
  stages: { name: string; share: number }[] | null;
  outcomes: TrialOutcome[];
}

function spread(values: number[]): Spread | null {
  if (values.length === 0) return null;
  return { median: median(values)!, min: Math.min(...values), max: Math.max(...values), cv: coefficientOfVariation(values) };
}

const med = (values: number[]) => median(values);

/** Summarizes one benchmark's trial outcomes; trials that failed count against it. */
export function summarizeBenchmark(name: string, path: string, outcomes: TrialOutcome[]): BenchmarkSummary {
  const ok = outcomes.flatMap((o) => (o.kind === 'ok' ? [o.result] : []));
  const failures = outcomes.filter((o) => o.kind !== 'ok');
  const first = ok[0] ?? null;
  const latencies = ok.flatMap((r) => (r.latency ? [r.latency] : []));
  const stageNames = first?.stages?.map((s) => s.name) ?? null;
  const stages =
    stageNames?.map((stage) => ({
      name: stage,
      share: med(ok.map((r) => r.stages?.find((s) => s.name === stage)?.share ?? 0)) ?? 0,
    })) ?? null;
  const bottleneck = stages && stages.length > 0 ? stages.reduce((a, b) => (b.share > a.share ? b : a)) : null;
  const error =
    failures.length === 0 ? null : `${failures[0]!.reason}${failures.length > 1 ? ` (${failures.length} of ${outcomes.length} trials failed)` : ''}`;
  return {
    name: first?.name ?? name,
    path,
    status: failures.length === 0 && ok.length > 0 ? 'ok' : 'failed',
    error: error ?? (ok.length === 0 ? 'no trials ran' : null),
    trials: outcomes.length,
    okTrials: ok.length,
    form: first?.form ?? null,
    mode: first?.mode ?? null,
    throughput: spread(ok.map((r) => r.throughput)),
    bytesPerSec: ok.every((r) => r.bytesPerSec !== null) ? med(ok.map((r) => r.bytesPerSec!)) : null,
    latency:
      latencies.length === 0
        ? null
        : {
            p50: med(latencies.map((l) => l.p50))!,
            p90: med(latencies.map((l) => l.p90))!,
            p99: med(latencies.map((l) => l.p99))!,
            p999: med(latencies.map((l) => l.p999))!,
            max: Math.max(...latencies.map((l) => l.max)),
          },
    cpuPerMessageUs: med(ok.map((r) => r.cpuPerMessageUs)),
    elu: med(ok.map((r) => r.elu)),
    gc: ok.length === 0 ? null : { count: med(ok.map((r) => r.gc.count))!, pauseMs: med(ok.map((r) => r.gc.pauseMs))! },
    peakRssBytes: ok.length === 0 ? null : Math.max(...ok.map((r) => r.peakRssBytes)),
    peakHeapBytes: ok.length === 0 ? null : Math.max(...ok.map((r) => r.peakHeapBytes)),
    bottleneck: bottleneck ? { stage: bottleneck.name, share: bottleneck.share } : null,
    stages,
    outcomes,
  };
}
