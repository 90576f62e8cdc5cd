import { describe, expect, it } from 'vitest';
import type { CompareReport } from '../../../src/domain/compare-report.js';
import { renderHeadline, renderVerdictLine } from '../../../src/report/comment-headline.js';
import { buildCommentModel } from '../../../src/report/comment-model.js';
import { COMMENT_MARKER, DEFAULT_MAX_CHARS, GITHUB_TEXT_LIMIT, renderPrComment } from '../../../src/report/pr-comment.js';
import { failedBenchmark, makeReport, okBenchmark, randomReport } from './compare-fixtures.js';
import { sectionRows } from './comment-parsing.js';

/** The parts that must survive any shortening. */
function expectEssentials(text: string, report: CompareReport, maxChars = DEFAULT_MAX_CHARS): void {
  const model = buildCommentModel(report);
  expect(text.length).toBeLessThanOrEqual(maxChars);
  expect(text.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
  expect(text).toContain(renderHeadline(report, model));
  expect(text).toContain(renderVerdictLine(model, report.mergeBase.fallback));
  expect(text).toContain('- **Runner** ');
  expect(text).toContain('**Pairs** ');
}

const regressing = (i: number) =>
  okBenchmark(`stream-benchmark-with-a-long-name-${String(i).padStart(3, '0')}`, {
    throughput: { change: -0.3 - i / 1000, verdict: 'regression' },
    'latency.p50': { change: 0.08, verdict: 'regression' },
    'latency.p99': { change: 0.15, verdict: 'regression' },
    'latency.p999': { change: 0.2, verdict: 'regression' },
  });

describe('renderPrComment length', () => {
  it('keeps a 500-benchmark comment within 65,000 characters, headline and marker included', () => {
    const report = randomReport(500, 500);
    const text = renderPrComment(report);
    expectEssentials(text, report);
    expect(DEFAULT_MAX_CHARS).toBeLessThan(GITHUB_TEXT_LIMIT);
  });

  it('keeps a comment where all 500 benchmarks regress within 65,000 characters, counting the rows left out', () => {
    const report = makeReport(Array.from({ length: 500 }, (_, i) => regressing(i)));
    const text = renderPrComment(report);
    expectEssentials(text, report);
    const shown = sectionRows(text, '🔴 Regressions')!.length;
    expect(shown).toBeGreaterThan(100);
    expect(text).toContain(`… and ${2000 - shown} more regressions (see --json)`);
    // The worst ones stay: the headline's regression is the first row.
    expect(sectionRows(text, '🔴 Regressions')![0]).toContain('stream-benchmark-with-a-long-name-499');
    expect(text).not.toContain('Latency and resources');
  });

  it('keeps 500 failed benchmarks with long errors within the limit', () => {
    const report = makeReport(Array.from({ length: 500 }, (_, i) => failedBenchmark(`b${i}`, 'head', `Error: ${'stack frame '.repeat(200)}`)));
    const text = renderPrComment(report);
    expectEssentials(text, report);
    expect(text).toContain('… and 480 more failed benchmarks (see --json)');
  });

  it('shrinks in steps: details, then unchanged rows, then improvements and inconclusive, then regressions', () => {
    const report = makeReport(
      Array.from({ length: 30 }, (_, i) =>
        okBenchmark(`b${i}`, {
          throughput: i < 10 ? { change: -0.1, verdict: 'regression' } : i < 15 ? { change: 0.1, verdict: 'improvement' } : {},
          'latency.p99': i >= 25 ? { change: 0.06, ci: [-0.01, 0.13], verdict: 'inconclusive' } : {},
        }),
      ),
    );
    const full = renderPrComment(report, { maxChars: 1e9 });
    expect(full).toContain('Latency and resources');

    const noDetails = renderPrComment(report, { maxChars: full.length - 1 });
    expect(noDetails).not.toContain('Latency and resources');
    expect(sectionRows(noDetails, '⚪ Unchanged')).toHaveLength(report.summary.unchanged);

    const unchangedCounted = renderPrComment(report, { maxChars: noDetails.length - 1 });
    expect(unchangedCounted).toContain(`**⚪ Unchanged (${report.summary.unchanged})**: rows left out`);
    expect(sectionRows(unchangedCounted, '🟢 Improvements')).toHaveLength(5);

    const othersCounted = renderPrComment(report, { maxChars: unchangedCounted.length - 1 });
    expect(othersCounted).toContain('**🟢 Improvements (5)**: rows left out');
    expect(othersCounted).toContain('**❔ Inconclusive (5)**: rows left out');
    expect(sectionRows(othersCounted, '🔴 Regressions')).toHaveLength(10);

    const regressionsCut = renderPrComment(report, { maxChars: othersCounted.length - 1 });
    expect(sectionRows(regressionsCut, '🔴 Regressions')).toHaveLength(9);
    expect(regressionsCut).toContain('… and 1 more regression (see --json)');
    for (const text of [noDetails, unchangedCounted, othersCounted, regressionsCut]) expectEssentials(text, report, full.length);
  });

  it('never exceeds the cap it is given', () => {
    const report = randomReport(7, 120);
    for (let maxChars = 3_000; maxChars <= 70_000; maxChars += 1_337) {
      const text = renderPrComment(report, { maxChars });
      expect(text.length).toBeLessThanOrEqual(maxChars);
      expect(text.startsWith(COMMENT_MARKER)).toBe(true);
    }
    expect(renderPrComment(report, { maxChars: 200 }).length).toBeLessThanOrEqual(200);
  });
});
