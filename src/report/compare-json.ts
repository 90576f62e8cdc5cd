/** The `perfbot compare --json` document (design §2.3) and its schema. Pure. */
import { z } from 'zod';
import type { CompareReport } from '../domain/compare-report.js';

const sha = z.string().regex(/^[0-9a-f]{7,64}$/, 'a hex commit sha');
const fraction = z.number();
const count = z.number().int().nonnegative();
const verdict = z.enum(['regression', 'improvement', 'unchanged', 'inconclusive']);
const stage = z.strictObject({ stage: z.string(), share: z.number().min(0).max(1) }).nullable();

const metricSchema = z.strictObject({
  metric: z.string().min(1),
  unit: z.string().min(1),
  better: z.enum(['higher', 'lower']),
  base: z.strictObject({ median: z.number(), n: count }),
  head: z.strictObject({ median: z.number(), n: count }),
  /** head/base − 1 in the metric's own unit; `null` with no pairs. */
  change: fraction.nullable(),
  ci: z
    .tuple([fraction, fraction])
    .refine(([lo, hi]) => lo <= hi, 'ci must be [low, high]')
    .nullable(),
  p: z.number().min(0).max(1).nullable(),
  verdict,
  threshold: z.number().nonnegative(),
});

const benchmarkSchema = z.strictObject({
  name: z.string().min(1),
  status: z.enum(['ok', 'failed', 'new']),
  error: z.string().optional(),
  failedSide: z.enum(['base', 'head', 'both']).optional(),
  metrics: z.array(metricSchema),
  bottleneck: z.strictObject({ base: stage, head: stage }).optional(),
});

/**
 * Schema of the `compare --json` document (design §2.3), strict: a field the contract does not
 * name is an error, so integration tests catch CLI output drifting from it.
 */
export const compareJsonSchema = z
  .strictObject({
    base: z.strictObject({ sha, ref: z.string().nullable() }),
    head: z.strictObject({ sha, ref: z.string().nullable() }),
    mergeBase: z.strictObject({ sha, fallback: z.boolean() }),
    benchmarks: z.array(benchmarkSchema),
    summary: z.strictObject({
      regressions: count,
      improvements: count,
      unchanged: count,
      inconclusive: count,
      failed: count,
      new: count,
    }),
    fingerprint: z.strictObject({
      runner: z.string(),
      cpu: z.string(),
      cores: z.number().int().positive(),
      node: z.string(),
      harness: z.string(),
      pinning: z.string(),
    }),
    pairs: z.strictObject({ initial: count, max: count, used: count }),
    trials: z.strictObject({ run: count, reused: count }),
  })
  .refine((doc) => doc.benchmarks.filter((b) => b.status === 'failed').length === doc.summary.failed, {
    message: 'summary.failed must count the benchmarks with status "failed"',
    path: ['summary', 'failed'],
  })
  .refine((doc) => doc.benchmarks.filter((b) => b.status === 'new').length === doc.summary.new, {
    message: 'summary.new must count the benchmarks with status "new"',
    path: ['summary', 'new'],
  });

/** The `compare --json` document. */
export type CompareJson = z.infer<typeof compareJsonSchema>;

/**
 * The `perfbot compare --json` document of a report, field for field as design §2.3 names them:
 * `error` only when there is one, `failedSide` only for failed benchmarks, `bottleneck` only for
 * pipelines. `change` is head/base − 1 (negative throughput change = slower); `ci`, `p` and
 * `change` are `null` when too few pairs were measured.
 */
export function toCompareJson(report: CompareReport): CompareJson {
  return {
    base: { sha: report.base.sha, ref: report.base.ref },
    head: { sha: report.head.sha, ref: report.head.ref },
    mergeBase: { sha: report.mergeBase.sha, fallback: report.mergeBase.fallback },
    benchmarks: report.benchmarks.map((b) => ({
      name: b.name,
      status: b.status,
      ...(b.error !== null ? { error: b.error } : {}),
      ...(b.failedSide !== null ? { failedSide: b.failedSide } : {}),
      metrics: b.metrics.map((m) => ({
        metric: m.metric,
        unit: m.unit,
        better: m.better,
        base: { median: m.base.median, n: m.base.n },
        head: { median: m.head.median, n: m.head.n },
        change: m.change,
        ci: m.ci === null ? null : [m.ci[0], m.ci[1]],
        p: m.p,
        verdict: m.verdict,
        threshold: m.threshold,
      })),
      ...(b.bottleneck !== null
        ? { bottleneck: { base: b.bottleneck.base && { ...b.bottleneck.base }, head: b.bottleneck.head && { ...b.bottleneck.head } } }
        : {}),
    })),
    summary: {
      regressions: report.summary.regressions,
      improvements: report.summary.improvements,
      unchanged: report.summary.unchanged,
      inconclusive: report.summary.inconclusive,
      failed: report.summary.failed,
      new: report.summary.new,
    },
    fingerprint: {
      runner: report.fingerprint.runner,
      cpu: report.fingerprint.cpu,
      cores: report.fingerprint.cores,
      node: report.fingerprint.node,
      harness: report.fingerprint.harness,
      pinning: report.fingerprint.pinning,
    },
    pairs: { initial: report.pairs.initial, max: report.pairs.max, used: report.pairs.used },
    trials: { run: report.trials.run, reused: report.trials.reused },
  };
}
