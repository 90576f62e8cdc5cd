// bench:report — builds the weekly report over one year of hourly default-branch history for 50
// benchmarks (8,760 recorded revisions, six metrics each) and prints the time, the memory and
// the database size. Usage: node benchmarks/self/report.mjs [--benchmarks 50] [--hours 8760]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteResultStore } from '../../dist/adapters/store/sqlite-result-store.js';
import { SqliteSeriesStore } from '../../dist/adapters/store/sqlite-series-store.js';
import { withDefaults } from '../../dist/config/repo-config.js';
import { gaussian, mulberry32 } from '../../dist/domain/random.js';
import { previousWeek } from '../../dist/domain/trends/build-report.js';
import { renderTrendReport } from '../../dist/report/trend-report.js';
import { buildWeeklyReport } from '../../dist/services/trends/weekly-report.js';

const { values } = parseArgs({ options: { benchmarks: { type: 'string', default: '50' }, hours: { type: 'string', default: '8760' } } });
const BENCHMARKS = Number(values.benchmarks);
const HOURS = Number(values.hours);
const NOW = '2026-11-23T09:00:00.000Z';
const METRICS = ['throughput', 'latency.p50', 'latency.p99', 'latency.p999', 'cpu', 'rss'];

const dir = mkdtempSync(join(tmpdir(), 'perfbot-bench-report-'));
const file = join(dir, 'perfbot.sqlite');
const store = new SqliteResultStore(file);
const series = new SqliteSeriesStore(store.db);
const repositoryId = store.repositoryId('acme/stream-kit');
const fingerprintId = store.fingerprintId({ runner: 'bench', cpu: 'x', cores: 2, node: process.version, harness: '2', pinning: 'none' });
const noise = gaussian(mulberry32(7));

let t = performance.now();
store.db.transaction(() => {
  for (let h = 0; h < HOURS; h++) {
    const at = new Date(Date.parse(NOW) - (HOURS - h) * 3_600_000).toISOString();
    const sha = h.toString(16).padStart(40, '0');
    const revisionId = store.revisionId(repositoryId, { sha, parents: [], author: 'dev', authorDate: at, subject: `commit ${h}` });
    for (let b = 0; b < BENCHMARKS; b++) {
      // A step of 8% somewhere in the last week for every fifth benchmark.
      const stepped = b % 5 === 0 && h >= HOURS - 24 * ((b % 7) + 1);
      const level = (stepped ? 0.92 : 1) * (1 + 0.02 * noise());
      series.savePoints(
        { repositoryId, revisionId, fingerprintId, benchmark: `benchmarks/bench-${b}.bench.mjs` },
        METRICS.map((metric, i) => ({ metric, median: (metric === 'throughput' ? 100_000 * level : (i + 1) / level), n: 5, cv: 0.02 })),
      );
    }
  }
})();
const fillMs = performance.now() - t;
store.db.pragma('wal_checkpoint(TRUNCATE)');
const sizeMb = statSync(file).size / 1024 / 1024;

global.gc?.();
const rssBefore = process.memoryUsage().rss;
t = performance.now();
const report = await buildWeeklyReport(
  { store, series },
  { repository: 'acme/stream-kit', window: previousWeek(NOW), thresholds: withDefaults().thresholds, generatedAt: NOW },
);
const buildMs = performance.now() - t;
t = performance.now();
const { body } = renderTrendReport(report);
const renderMs = performance.now() - t;
const rssAfter = process.memoryUsage().rss;

console.log(`# bench:report · ${BENCHMARKS} benchmarks × ${HOURS} hourly revisions × ${METRICS.length} metrics`);
console.log(`  database: ${(BENCHMARKS * HOURS * METRICS.length).toLocaleString('en-US')} series points, ${sizeMb.toFixed(1)} MB (filled in ${(fillMs / 1000).toFixed(1)} s)`);
console.log(`  report: built in ${buildMs.toFixed(0)} ms, rendered in ${renderMs.toFixed(0)} ms (${body.length.toLocaleString('en-US')} characters), target < 1000 ms: ${buildMs + renderMs < 1000 ? 'met' : 'missed'}`);
console.log(`  memory: rss ${(rssBefore / 1048576).toFixed(0)} → ${(rssAfter / 1048576).toFixed(0)} MB`);
console.log(`  found ${report.changes.length} changes this week (planted: ${Math.ceil(BENCHMARKS / 5)} throughput steps of −8%)`);
store.close();
if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
else console.log(`  kept ${file}`);
