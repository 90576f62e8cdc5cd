import { describe, expect, it } from 'vitest';
import { compareJsonSchema, toCompareJson } from '../../../src/report/compare-json.js';
import { failedBenchmark, HEAD_SHA, makeReport, MERGE_BASE_SHA, newBenchmark, okBenchmark, randomReport } from './compare-fixtures.js';
import { COMMENT_CASES } from './pr-comment-cases.js';

const report = () =>
  makeReport([
    okBenchmark('ndjson-parse', { throughput: { change: -0.061, ci: [-0.074, -0.049], verdict: 'regression' } }),
    okBenchmark('ndjson-pipeline', {}, { bottleneck: { base: { stage: 'parse', share: 0.48 }, head: { stage: 'serialize', share: 0.61 } } }),
    failedBenchmark('csv-split', 'head', 'setup() threw: boom'),
    newBenchmark('stream-join', { throughput: 245_000 }),
  ]);

/** What `compare --json` prints, read back. */
const printed = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('toCompareJson', () => {
  it('names exactly the fields of design §2.3, in its order', () => {
    const doc = toCompareJson(report());
    expect(Object.keys(doc)).toEqual(['base', 'head', 'mergeBase', 'benchmarks', 'summary', 'fingerprint', 'pairs', 'trials']);
    expect(doc.head).toEqual({ sha: HEAD_SHA, ref: 'feature/faster-parse' });
    expect(doc.mergeBase).toEqual({ sha: MERGE_BASE_SHA, fallback: false });
    expect(Object.keys(doc.summary)).toEqual(['regressions', 'improvements', 'unchanged', 'inconclusive', 'failed', 'new']);
    const [parse, pipeline, failed, added] = doc.benchmarks;
    expect(Object.keys(parse!)).toEqual(['name', 'status', 'metrics']);
    expect(Object.keys(parse!.metrics[0]!)).toEqual(['metric', 'unit', 'better', 'base', 'head', 'change', 'ci', 'p', 'verdict', 'threshold']);
    expect(parse!.metrics[0]).toMatchObject({ metric: 'throughput', unit: 'msg/s', better: 'higher', change: -0.061, ci: [-0.074, -0.049], verdict: 'regression', threshold: 0.02 });
    expect(pipeline!.bottleneck).toEqual({ base: { stage: 'parse', share: 0.48 }, head: { stage: 'serialize', share: 0.61 } });
    expect(failed).toEqual({ name: 'csv-split', status: 'failed', error: 'setup() threw: boom', failedSide: 'head', metrics: [] });
    expect(added).toMatchObject({ name: 'stream-join', status: 'new' });
    expect(doc.summary).toEqual({ regressions: 1, improvements: 0, unchanged: 7, inconclusive: 0, failed: 1, new: 1 });
  });

  it('validates against its schema, for every comment case and random reports', () => {
    const reports = [report(), ...Object.values(COMMENT_CASES).map((build) => build()), ...[1, 2, 3].map((seed) => randomReport(seed, 40))];
    for (const r of reports) {
      const result = compareJsonSchema.safeParse(printed(toCompareJson(r)));
      expect(result.error?.issues ?? []).toEqual([]);
    }
  });
});

describe('compareJsonSchema', () => {
  const valid = () => printed(toCompareJson(report())) as Record<string, unknown> & { benchmarks: Record<string, unknown>[]; summary: Record<string, number> };

  it('rejects fields the contract does not name, and missing ones', () => {
    expect(compareJsonSchema.safeParse({ ...valid(), alpha: 0.01 }).success).toBe(false);
    const doc = valid();
    delete (doc as Record<string, unknown>).mergeBase;
    expect(compareJsonSchema.safeParse(doc).success).toBe(false);
  });

  it('rejects a bad verdict, a reversed interval and a non-finite number', () => {
    const doc = valid();
    const metric = (doc.benchmarks[0]!.metrics as Record<string, unknown>[])[0]!;
    expect(compareJsonSchema.safeParse(doc).success).toBe(true);
    metric.verdict = 'slower';
    expect(compareJsonSchema.safeParse(doc).success).toBe(false);
    metric.verdict = 'regression';
    metric.ci = [0.1, -0.1];
    expect(compareJsonSchema.safeParse(doc).success).toBe(false);
    metric.ci = null;
    metric.change = Number.POSITIVE_INFINITY;
    expect(compareJsonSchema.safeParse(doc).success).toBe(false);
  });

  it('rejects a summary that miscounts failed or new benchmarks', () => {
    const doc = valid();
    doc.summary.failed = 0;
    const result = compareJsonSchema.safeParse(doc);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['summary', 'failed']);
  });
});
