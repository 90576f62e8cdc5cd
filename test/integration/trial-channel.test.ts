import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ProcessTrialRunner } from '../../src/adapters/runner/process-trial-runner.js';
import { FIXTURES, QUICK } from './helpers.js';

/** Long limits, so an outcome that comes back quickly was caused by the channel, not a timeout. */
const LIMITS = { inactivityMs: 30_000, wallClockMs: 60_000, heapMb: 128 };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a process outside our own children has died: no such pid, or a zombie (killed, but
 * its new parent, PID 1 here, has not reaped it yet; `kill(pid, 0)` still succeeds on those).
 */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 20; i++) {
    if (!alive(pid)) return true;
    try {
      if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return true;
    } catch {
      return true;
    }
    await sleep(100);
  }
  return false;
}

describe('a trial that writes a hostile result to the result channel (fd 3)', () => {
  const cases: [string, RegExp][] = [
    ['huge-count', /^invalid output: result failed validation at result\.latency\.buckets\.0\.1: /],
    ['negative-count', /^invalid output: result failed validation at result\.latency\.(count|buckets\.0\.1): /],
    ['fractional-count', /^invalid output: result failed validation at result\.latency\.(count|buckets\.0\.1): /],
    ['huge-index', /^invalid output: result failed validation at result\.latency\.buckets\.0\.0: /],
    ['negative-index', /^invalid output: result failed validation at result\.latency\.buckets\.0\.0: /],
    ['wrong-total', /^invalid output: result failed validation at result\.latency\.count: count 1000 is not the sum of the bucket counts \(2\)$/],
  ];
  it.each(cases)('%s ends invalid-output with a one-line reason', async (hostileCase, reason) => {
    const runner = new ProcessTrialRunner({ ...LIMITS, parentEnv: { ...process.env, HOSTILE_CASE: hostileCase }, envAllowlist: ['HOSTILE_CASE'] });
    const o = await runner.run({ file: FIXTURES + 'channel/hostile-result.bench.mjs', cwd: FIXTURES, defaults: QUICK });
    expect(o.kind).toBe('invalid-output');
    expect(o.reason).toMatch(reason);
    expect(o.reason).not.toContain('\n');
  }, 20_000);
});

describe('a trial that writes one garbage line to fd 3 and then sleeps', () => {
  it('ends invalid-output at once, with its whole process group killed', async () => {
    const runner = new ProcessTrialRunner(LIMITS);
    const o = await runner.run({ file: FIXTURES + 'channel/garbage-then-sleep.bench.mjs', cwd: FIXTURES, defaults: QUICK });
    expect(o.kind).toBe('invalid-output');
    expect(o.reason).toBe('invalid output: result channel carried a line that is not JSON: "garbage, not a perfbot message"');
    expect(o.wallMs).toBeLessThan(5000);
    const pids = /pids (\d+) (\d+)/.exec(o.output.stdoutTail);
    expect(pids, o.output.stdoutTail).not.toBeNull();
    const [trial, grandchild] = [Number(pids![1]), Number(pids![2])];
    expect(alive(trial)).toBe(false);
    expect(await gone(grandchild)).toBe(true);
  }, 20_000);
});
