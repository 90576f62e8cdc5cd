import { describe, expect, it } from 'vitest';
import type { TrendReport } from '../../src/domain/trends/types.js';
import { costHistory, newDb, perfbot, stepCosts } from '../helpers/cost-history.js';

describe('perfbot record, then perfbot report', () => {
  it('records the last 30 commits, skips them the second time, and reports the planted step with its commit', () => {
    const at = 19;
    const h = costHistory(stepCosts(30, 2000, { [at]: 1.4 }));
    const db = newDb();
    const first = perfbot(['record', '--repo', h.repo.dir, '--last', '30', '--trials', '3', '--json'], db);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ measured: h.shas, skipped: [], failed: [] });
    const again = perfbot(['record', '--repo', h.repo.dir, '--last', '30', '--json'], db);
    expect(JSON.parse(again.stdout)).toMatchObject({ measured: [], skipped: h.shas });

    const json = perfbot(['report', '--repo', h.repo.dir, '--json'], db);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as TrendReport;
    const throughput = report.changes.find((c) => c.metric === 'throughput');
    expect(throughput, JSON.stringify(report.changes.map((c) => [c.metric, c.at.subject]))).toMatchObject({
      benchmark: 'work',
      kind: 'regression',
      unmeasured: 0,
      culprit: { sha: h.shas[at], subject: `commit ${at}` },
    });
    expect(throughput!.change).toBeLessThan(-0.05);

    const markdown = perfbot(['report', '--repo', h.repo.dir], db);
    expect(markdown.stdout).toMatch(/^# Performance report — week of \d{4}-\d{2}-\d{2}\n/);
    expect(markdown.stdout).toContain(`| work | throughput |`);
    expect(markdown.stdout).toContain(`\`${h.shas[at]!.slice(0, 7)}\` commit ${at}`);
  }, 180_000);

  it('says so when nothing was recorded', () => {
    const h = costHistory(stepCosts(3, 2000, {}));
    const r = perfbot(['report', '--repo', h.repo.dir], newDb());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^perfbot: nothing recorded for .* run perfbot record first\n$/);
  });
});
