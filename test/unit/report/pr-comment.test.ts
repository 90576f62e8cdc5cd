import { describe, expect, it } from 'vitest';
import { renderHeadline } from '../../../src/report/comment-headline.js';
import { buildCommentModel } from '../../../src/report/comment-model.js';
import { COMMENT_MARKER, renderPrComment } from '../../../src/report/pr-comment.js';
import { failedBenchmark, makeReport, newBenchmark, okBenchmark, randomReport } from './compare-fixtures.js';
import { cellsOf, countOf, sectionRows, verdictLineOf } from './comment-parsing.js';

const regress = (change: number, ci: [number, number] = [change - 0.01, change + 0.01]) => ({ change, ci, verdict: 'regression' as const });

describe('renderPrComment', () => {
  it('starts with the hidden marker the app finds its sticky comment by', () => {
    const text = renderPrComment(makeReport([okBenchmark('csv-split')]));
    expect(text.split('\n')[0]).toBe(COMMENT_MARKER);
    expect(COMMENT_MARKER).toBe('<!-- perfbot:comment -->');
  });

  it('headlines the worst regression with its interval and counts the others', () => {
    const report = makeReport([
      okBenchmark('csv-split', { 'latency.p99': regress(0.042) }),
      okBenchmark('ndjson-parse', { throughput: regress(-0.061, [-0.074, -0.049]) }),
      okBenchmark('hash-partition', { 'latency.p50': regress(0.055) }),
    ]);
    const text = renderPrComment(report);
    expect(text.split('\n')[1]).toBe('🔴 Performance regression: **ndjson-parse throughput −6.1% (−7.4% … −4.9%)** and 2 more regressions');
    expect(verdictLineOf(text)).toMatch(/^❌ 3 regressions, 9 unchanged \(12 metrics in 3 benchmarks\)$/);
    const rows = sectionRows(text, '🔴 Regressions')!;
    expect(rows.map((r) => cellsOf(r).slice(0, 2).join(' '))).toEqual(['ndjson-parse throughput', 'hash-partition p50 latency', 'csv-split p99 latency']);
  });

  it('puts throughput first among regressions of the same size', () => {
    const report = makeReport([okBenchmark('a', { 'latency.p99': regress(0.08) }), okBenchmark('b', { throughput: regress(-0.08) })]);
    expect(renderHeadline(report, buildCommentModel(report))).toContain('**b throughput −8.0%');
  });

  it('names the best improvement when nothing regressed', () => {
    const report = makeReport([okBenchmark('a', { throughput: { change: 0.05, verdict: 'improvement' } }), okBenchmark('b', { throughput: { change: 0.12, verdict: 'improvement' } })]);
    expect(renderPrComment(report).split('\n')[1]).toBe('🟢 Performance improvement: **b throughput +12.0% (+10.8% … +13.2%)** and 1 more improvement; no regressions');
  });

  it('says there is no significant change, or that more pairs would resolve an inconclusive one', () => {
    expect(renderPrComment(makeReport([okBenchmark('a'), okBenchmark('b')])).split('\n')[1]).toBe('⚪ No significant change in 2 benchmarks');
    const inconclusive = makeReport([okBenchmark('a', { throughput: { change: -0.02, ci: [-0.05, 0.01], verdict: 'inconclusive' } }), okBenchmark('b')]);
    const headline = renderPrComment(inconclusive).split('\n')[1]!;
    expect(headline).toMatch(/^❔ Inconclusive for 1 benchmark: .*more pairs would resolve it/);
  });

  it('shows failed benchmarks in the verdict line, with the side and reason in a list', () => {
    const report = makeReport([okBenchmark('a'), failedBenchmark('b', 'head', 'setup() threw: boom'), failedBenchmark('c', 'both', 'x')]);
    const text = renderPrComment(report);
    expect(verdictLineOf(text)).toBe('⚠️ 4 unchanged (4 metrics in 1 benchmark) · 2 benchmarks failed');
    expect(text).toContain('- b: failed at head: `setup() threw: boom`');
    expect(text).toContain('- c: failed at base and head: `x`');
    expect(text.split('\n')[1]).toContain('but 2 benchmarks failed');
  });

  it('says so when every benchmark failed', () => {
    const text = renderPrComment(makeReport([failedBenchmark('a', 'base', 'x'), failedBenchmark('b', 'head', 'y')]));
    expect(text.split('\n')[1]).toBe('⚠️ No verdict: 2 of 2 benchmarks failed');
    expect(verdictLineOf(text)).toBe('⚠️ 2 benchmarks failed');
  });

  it('lists new benchmarks with their head values', () => {
    const text = renderPrComment(makeReport([okBenchmark('a'), newBenchmark('fresh', { throughput: 1_500_000, 'latency.p99': 0.5 })]));
    expect(text).toContain('- fresh: throughput 1.50 M msg/s · p99 latency 500 µs');
    expect(verdictLineOf(text)).toContain('· 1 new benchmark');
  });

  it('writes "(interval n/a)" without an interval and "—" without a change', () => {
    const report = makeReport([
      okBenchmark('a', { throughput: { change: -0.3, ci: null, verdict: 'regression' }, 'latency.p50': { change: null, verdict: 'inconclusive' } }),
    ]);
    const text = renderPrComment(report);
    expect(cellsOf(sectionRows(text, '🔴 Regressions')![0]!)[4]).toBe('−30.0% (interval n/a)');
    expect(cellsOf(sectionRows(text, '❔ Inconclusive')![0]!)[4]).toBe('—');
  });

  it('keeps informational metrics (cpu, rss) out of the verdict tables and in the detail section', () => {
    const report = makeReport([okBenchmark('a', { cpu: { change: 0.4, verdict: 'regression' } })]);
    const text = renderPrComment(report);
    expect(sectionRows(text, '🔴 Regressions')).toBeNull();
    expect(text).toContain('9.50 µs → 13.3 µs (+40.0%)');
  });

  it('warns visibly, in the verdict line and the footer, when the baseline is not the merge-base', () => {
    const report = makeReport([okBenchmark('a')], { mergeBase: { sha: 'a'.repeat(40), fallback: true, warning: 'no common ancestor' } });
    const text = renderPrComment(report);
    expect(verdictLineOf(text)).toContain('⚠️ baseline is not the merge-base');
    expect(text).toContain('> ⚠️ **Not measured against the merge-base.**');
    expect(text).toContain('no common ancestor');
  });
});

describe('renderPrComment never contradicts its tables', () => {
  const sections = [
    { title: '🔴 Regressions', noun: /regressions?\b/, mark: '🔴 regression' },
    { title: '🟢 Improvements', noun: /improvements?\b/, mark: '🟢 improvement' },
    { title: '❔ Inconclusive', noun: /inconclusive\b/, mark: '❔ inconclusive' },
    { title: '⚪ Unchanged', noun: /unchanged\b/, mark: '⚪ unchanged' },
  ];

  it.each(Array.from({ length: 60 }, (_, i) => i + 1))('random report %i: verdict line and headline count the table rows', (seed) => {
    const report = randomReport(seed, 1 + (seed % 12));
    const text = renderPrComment(report);
    const verdictLine = verdictLineOf(text);
    for (const { title, noun, mark } of sections) {
      const rows = sectionRows(text, title) ?? [];
      expect(countOf(verdictLine, noun), `${title} in "${verdictLine}"`).toBe(rows.length);
      for (const row of rows) expect(cellsOf(row)[5]).toBe(mark);
    }
    expect(countOf(verdictLine, /benchmarks? failed/)).toBe(report.summary.failed);
    expect(countOf(verdictLine, /new benchmarks?/)).toBe(report.summary.new);
    const headline = text.split('\n')[1]!;
    const regressions = sectionRows(text, '🔴 Regressions') ?? [];
    if (regressions.length > 0) {
      const [benchmark, metric, , , change] = cellsOf(regressions[0]!);
      expect(headline).toContain(`**${benchmark} ${metric} ${change}**`);
      expect(countOf(headline, /more regressions?/)).toBe(regressions.length - 1);
    } else {
      expect(headline).not.toContain('regression:');
    }
  });
});
