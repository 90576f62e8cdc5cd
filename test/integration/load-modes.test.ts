import { describe, expect, it } from 'vitest';
import { ProcessTrialRunner } from '../../src/adapters/runner/process-trial-runner.js';
import type { TrialResult } from '../../src/domain/trial.js';
import { FIXTURES, QUICK } from './helpers.js';

const runner = new ProcessTrialRunner();

async function measure(file: string): Promise<TrialResult> {
  const outcome = await runner.run({ file: FIXTURES + file, cwd: FIXTURES, defaults: QUICK });
  if (outcome.kind !== 'ok') throw new Error(`${file}: ${outcome.kind}: ${outcome.reason}`);
  return outcome.result;
}

describe('coordinated omission', () => {
  it('an open loop counts a 200 ms stall in the latency of every message queued behind it; a closed loop hides it', async () => {
    const open = await measure('latency/stall-open.bench.mjs');
    const closed = await measure('latency/stall-closed.bench.mjs');
    expect(open.mode).toBe('open');
    expect(closed.mode).toBe('closed');
    // About 200 messages were due during the stall, with latencies from 200 ms down to 0.
    expect(open.latency!.p99).toBeGreaterThanOrEqual(100);
    expect(open.latency!.max).toBeGreaterThanOrEqual(190);
    expect(open.throughput).toBeGreaterThan(800);
    expect(open.throughput).toBeLessThan(1100);
    // The closed loop saw the same stall once among many thousands of quick calls.
    expect(closed.latency!.max).toBeGreaterThanOrEqual(190);
    expect(closed.latency!.p99).toBeLessThan(1);
    expect(closed.messages).toBeGreaterThan(10 * open.messages);
  });
});

describe('pipeline bottleneck', () => {
  it('names the deliberately slow middle stage with the largest share', async () => {
    const result = await measure('pipeline/slow-middle.bench.mjs');
    expect(result.form).toBe('pipeline');
    expect(result.latency).toBeNull();
    const stages = result.stages!;
    expect(stages.map((s) => s.name)).toEqual(['Decode', 'enrich', 'stage 3']);
    const slowest = stages.reduce((a, b) => (b.share > a.share ? b : a));
    expect(slowest.name).toBe('enrich');
    // 3 µs : 40 µs : 3 µs of spinning per message, plus the streams' own overhead.
    const others = stages.filter((s) => s !== slowest);
    for (const other of others) expect(slowest.share).toBeGreaterThan(2 * other.share);
    expect(stages.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 5);
  });
});

describe('pipeline windows', () => {
  it('accept an async generator as the first stage and keep the runner informed in long windows', async () => {
    const strict = new ProcessTrialRunner({ inactivityMs: 1000 });
    const outcome = await strict.run({ file: FIXTURES + 'pipeline/generator-first.bench.mjs', cwd: FIXTURES, defaults: QUICK });
    expect(outcome.kind, outcome.reason).toBe('ok');
    const result = outcome.kind === 'ok' ? outcome.result : null;
    expect(result!.stages!.map((s) => s.name)).toEqual(['tag', 'count']);
    expect(result!.windowMs).toBeGreaterThan(2400);
    expect(result!.gc.count).toBeGreaterThan(0);
  });
});
