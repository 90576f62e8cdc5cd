import { describe, expect, it } from 'vitest';
import { summarizeBenchmark } from '../../../src/domain/bench-summary.js';
import type { Fingerprint } from '../../../src/domain/fingerprint.js';
import type { TrialOutcome } from '../../../src/domain/trial.js';
import { renderBenchTable } from '../../../src/report/bench-table.js';
import { NO_OUTPUT, okOutcome } from '../../helpers/trial-fixtures.js';

const output = NO_OUTPUT;
const fingerprint: Fingerprint = { runner: 'r', cpu: 'Test CPU', cores: 2, node: 'v20.20.2', harness: '1', pinning: 'taskset:1' };
const ok = okOutcome;

describe('summarizeBenchmark', () => {
  it('takes medians over trials and the spread of throughput', () => {
    const s = summarizeBenchmark('ndjson', 'ndjson.bench.mjs', [ok(100_000), ok(110_000), ok(90_000)]);
    expect(s.status).toBe('ok');
    expect(s.throughput).toEqual({ median: 100_000, min: 90_000, max: 110_000, cv: expect.closeTo(0.1, 10) });
    expect(s.latency!.p99).toBe(0.05);
  });

  it('fails a benchmark when any trial failed, saying how many', () => {
    const failed: TrialOutcome = { kind: 'timeout', timeout: 'inactivity', phase: 'measure', reason: 'timeout: made no progress for 10 s during measure; process group killed', wallMs: 1, output };
    const s = summarizeBenchmark('ndjson', 'ndjson.bench.mjs', [ok(100_000), failed, failed]);
    expect(s.status).toBe('failed');
    expect(s.error).toBe('timeout: made no progress for 10 s during measure; process group killed (2 of 3 trials failed)');
    expect(s.okTrials).toBe(1);
  });

  it('names the stage with the largest median share as the bottleneck', () => {
    const stages = (a: number, b: number) => [
      { name: 'parse', busyMs: a, share: a / (a + b) },
      { name: 'serialize', busyMs: b, share: b / (a + b) },
    ];
    const s = summarizeBenchmark('p', 'p.bench.mjs', [
      ok(1, { form: 'pipeline', latency: null, stages: stages(3, 1) }),
      ok(1, { form: 'pipeline', latency: null, stages: stages(1, 3) }),
      ok(1, { form: 'pipeline', latency: null, stages: stages(3, 1) }),
    ]);
    expect(s.bottleneck).toEqual({ stage: 'parse', share: 0.75 });
  });
});

describe('renderBenchTable', () => {
  it('prints one row per measured benchmark and one line per failure', () => {
    const good = summarizeBenchmark('ndjson', 'ndjson.bench.mjs', [ok(123_456), ok(123_456)]);
    const bad = summarizeBenchmark('broken|name', 'broken.bench.mjs', [
      { kind: 'failed', exitCode: 1, signal: null, phase: 'setup', reason: 'setup() threw: no fixture', wallMs: 1, output },
    ]);
    const text = renderBenchTable([good, bad], fingerprint);
    const lines = text.split('\n');
    expect(lines[0]).toBe('**perfbot bench** · 2 benchmarks · 2 trials each · Test CPU ×2 · Node v20.20.2 · pinning taskset:1');
    expect(lines[2]).toMatch(/^\| benchmark +\| +throughput +\| +CV +\| +p50 +\| +p99 +\| +p99\.9 +\| +CPU\/msg +\| +peak RSS +\| bottleneck +\|$/);
    const row = lines.find((l) => l.startsWith('| ndjson'))!;
    expect(row.split('|').map((c) => c.trim())).toEqual(['', 'ndjson', '123 k msg/s', '±0.0%', '10.0 µs', '50.0 µs', '200 µs', '9.50 µs', '50.0 MB', '—', '']);
    expect(text).toContain('**1 failed**');
    expect(text).toContain('- `broken|name` (broken.bench.mjs): setup() threw: no fixture');
  });
});
