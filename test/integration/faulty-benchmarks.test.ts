import { beforeAll, describe, expect, it } from 'vitest';
import { ProcessTrialRunner } from '../../src/adapters/runner/process-trial-runner.js';
import type { BenchmarkSummary } from '../../src/domain/bench-summary.js';
import type { TrialOutcome } from '../../src/domain/trial.js';
import { runBench } from '../../src/services/bench.js';
import { FIXTURES, QUICK, fixtureSuite } from './helpers.js';

/**
 * One suite holding a good benchmark and one of every way a benchmark can go wrong, run
 * through real trial processes: each failure is an outcome with a one-line reason, and the
 * rest of the suite still reports.
 */
describe('a suite with faulty benchmarks', () => {
  let byName: Map<string, BenchmarkSummary>;
  const outcome = (name: string): TrialOutcome => {
    const summary = byName.get(name);
    if (!summary) throw new Error(`no summary for ${name}: ${[...byName.keys()].join(', ')}`);
    return summary.outcomes[0]!;
  };

  beforeAll(async () => {
    const runner = new ProcessTrialRunner({ inactivityMs: 1500, wallClockMs: 20_000, heapMb: 64, outputCapBytes: 16 * 1024 });
    const targets = await fixtureSuite('faulty');
    const lines: string[] = [];
    const summaries = await runBench({ targets, cwd: FIXTURES, trials: 1, defaults: QUICK, runner, progress: (l) => lines.push(l) });
    byName = new Map(summaries.map((s) => [s.path.replace('.bench.mjs', ''), s]));
    expect(lines).toHaveLength(targets.length);
  }, 120_000);

  it('still measures the healthy benchmark', () => {
    const ok = outcome('ok');
    expect(ok.kind).toBe('ok');
    expect(byName.get('ok')!.status).toBe('ok');
    expect(byName.get('ok')!.throughput!.median).toBeGreaterThan(1000);
  });

  it('reports a throw in setup as failed, naming setup and the error', () => {
    const o = outcome('setup-throws');
    expect(o.kind).toBe('failed');
    expect(o.reason).toBe('setup() threw: database fixture missing');
    expect(o.kind === 'failed' && o.phase).toBe('setup');
  });

  it('reports a throw on the 1000th message with the call number', () => {
    const o = outcome('throws-at-1000');
    expect(o.kind).toBe('failed');
    expect(o.reason).toMatch(/handle\(\) failed on call 1000: bad record at offset 1000/);
  });

  it('reports a promise that never settles instead of waiting forever', () => {
    const o = outcome('never-settles');
    expect(o.kind).toBe('failed');
    expect(o.reason).toMatch(/never settled/);
    expect(o.reason).toMatch(/warm-up/);
  });

  it('kills a benchmark stuck in a loop after the inactivity timeout', () => {
    const o = outcome('hangs');
    expect(o.kind).toBe('timeout');
    expect(o.kind === 'timeout' && o.timeout).toBe('inactivity');
    expect(o.reason).toMatch(/^timeout: made no progress for 1\.5 s during warmup; process group killed$/);
  });

  it('stops a benchmark that allocates without bound as out-of-memory', () => {
    const o = outcome('unbounded-alloc');
    expect(o.kind).toBe('out-of-memory');
    expect(o.reason).toMatch(/^out of memory: /);
    expect(o.reason).toMatch(/64 MB cap|cap \d+ MB/);
  });

  it('stops a benchmark growing memory outside the heap when resident memory passes the cap', () => {
    const o = outcome('unbounded-buffers');
    expect(o.kind).toBe('out-of-memory');
    expect(o.reason).toMatch(/^out of memory: resident memory reached \d+ MB \(cap 384 MB\) during (warmup|measure)$/);
  });

  it('keeps only the tail of megabytes of stdout garbage, and still measures', () => {
    const o = outcome('stdout-garbage');
    expect(o.kind).toBe('ok');
    expect(o.output.stdoutBytes).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    expect(Buffer.byteLength(o.output.stdoutTail)).toBeLessThanOrEqual(16 * 1024);
    expect(o.reason).toMatch(/^stdout cut: 5\.\d MB written, last 16 KB kept$/);
  });

  it('reports a module whose import fails, naming the missing module', () => {
    const o = outcome('missing-import');
    expect(o.kind).toBe('failed');
    expect(o.reason).toMatch(/^cannot load benchmark: cannot import missing-import\.bench\.mjs: .*does-not-exist\.mjs/);
    expect(o.reason).not.toContain('\n');
  });

  it('reports a module exporting neither handle nor pipeline', () => {
    const o = outcome('no-handle');
    expect(o.kind).toBe('failed');
    expect(o.reason).toBe('cannot load benchmark: no-handle.bench.mjs exports neither handle nor pipeline');
  });

  it('rejects garbage written to the result channel as invalid output', () => {
    const o = outcome('channel-garbage');
    expect(o.kind).toBe('invalid-output');
    expect(o.reason).toBe('invalid output: result channel carried a line that is not JSON: "this is not a perfbot message"');
  });

  it('marks every faulty benchmark failed in the summary, with its reason', () => {
    const failed = [...byName.values()].filter((s) => s.status === 'failed').map((s) => s.path);
    expect(failed.sort()).toEqual(
      ['channel-garbage', 'hangs', 'missing-import', 'never-settles', 'no-handle', 'setup-throws', 'throws-at-1000', 'unbounded-alloc', 'unbounded-buffers'].map(
        (n) => `${n}.bench.mjs`,
      ),
    );
    for (const s of byName.values()) if (s.status === 'failed') expect(s.error).not.toContain('\n');
  });
});

describe('a benchmark file that does not exist', () => {
  it('is a failed outcome naming the file', async () => {
    const runner = new ProcessTrialRunner({ inactivityMs: 2000 });
    const o = await runner.run({ file: FIXTURES + 'faulty/nope.bench.mjs', cwd: FIXTURES, defaults: QUICK });
    expect(o.kind).toBe('failed');
    expect(o.reason).toMatch(/^cannot load benchmark: cannot import nope\.bench\.mjs: .*nope\.bench\.mjs/);
  });
});
