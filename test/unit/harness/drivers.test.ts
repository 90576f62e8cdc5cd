import { describe, expect, it } from 'vitest';
import { runClosedLoop } from '../../../src/harness/closed-loop.js';
import { MessageError, type DriveInput } from '../../../src/harness/drive.js';
import { LatencyRecorder } from '../../../src/harness/latency.js';
import { runOpenLoop } from '../../../src/harness/open-loop.js';

const input = (over: Partial<DriveInput>): DriveInput => ({
  handle: () => undefined,
  message: (i) => i,
  ctx: undefined,
  firstIndex: 0,
  durationMs: 20,
  minMessages: 1,
  concurrency: 1,
  recorder: null,
  progress: { messages: 0 },
  ...over,
});

describe('closed loop', () => {
  it('hands every message index to handle in order, continuing from firstIndex', async () => {
    const seen: number[] = [];
    const out = await runClosedLoop(input({ handle: (p) => seen.push(p as number), firstIndex: 500, durationMs: 5 }));
    expect(seen.length).toBe(out.messages);
    expect(seen[0]).toBe(500);
    expect(seen.every((v, i) => v === 500 + i)).toBe(true);
  });

  it('extends the window until minMessages completed', async () => {
    const slow = () => new Promise<void>((r) => setTimeout(r, 1));
    const out = await runClosedLoop(input({ handle: slow, durationMs: 1, minMessages: 25 }));
    expect(out.messages).toBeGreaterThanOrEqual(25);
    expect(out.elapsedMs).toBeGreaterThanOrEqual(20);
  });

  it('records one latency per message', async () => {
    const recorder = new LatencyRecorder();
    const out = await runClosedLoop(input({ recorder, durationMs: 5 }));
    expect(recorder.summary()!.count).toBe(out.messages);
  });

  it('counts bytes of string and Buffer payloads, and none for numbers', async () => {
    const strings = await runClosedLoop(input({ message: () => 'héllo', durationMs: 2 }));
    expect(strings.bytes).toBe(strings.messages * 6);
    const buffers = await runClosedLoop(input({ message: () => Buffer.alloc(10), durationMs: 2 }));
    expect(buffers.bytes).toBe(buffers.messages * 10);
    expect((await runClosedLoop(input({ durationMs: 2 }))).bytes).toBeNull();
  });

  it('names the failing call when handle throws or rejects', async () => {
    const throwing = runClosedLoop(input({ handle: (p) => { if (p === 41) throw new Error('boom'); }, minMessages: 100 }));
    await expect(throwing).rejects.toThrow(new MessageError(41, new Error('boom')));
    await expect(throwing).rejects.toThrow('handle() failed on call 42: boom');
    const rejecting = runClosedLoop(input({ handle: async (p) => { if (p === 3) throw new Error('nope'); }, concurrency: 4, minMessages: 100 }));
    await expect(rejecting).rejects.toThrow('handle() failed on call 4: nope');
  });

  it('keeps at most `concurrency` messages in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const handle = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
    };
    await runClosedLoop(input({ handle, concurrency: 8, durationMs: 10 }));
    expect(most).toBe(8);
  });
});

describe('closed loop with many lanes', () => {
  it('keeps every lane busy through a long window, across the pauses for the event loop', async () => {
    let inFlight = 0;
    const late: number[] = [];
    const start = performance.now();
    const handle = async () => {
      inFlight++;
      if (performance.now() - start > 120) late.push(inFlight);
      await null;
      await null;
      inFlight--;
    };
    await runClosedLoop(input({ handle, concurrency: 8, durationMs: 200 }));
    expect(late.length).toBeGreaterThan(100);
    expect(late.reduce((a, b) => Math.max(a, b), 0)).toBe(8);
    expect(late.reduce((a, b) => a + b, 0) / late.length).toBeGreaterThan(4);
  });
});

describe('open loop', () => {
  it('sends at the given rate', async () => {
    const out = await runOpenLoop(input({ durationMs: 200, minMessages: 1 }), 500);
    expect(out.messages).toBeGreaterThanOrEqual(99);
    expect(out.messages).toBeLessThanOrEqual(101);
    expect(out.elapsedMs).toBeGreaterThan(190);
  });

  it('counts latency from the intended send time when the handler falls behind', async () => {
    const recorder = new LatencyRecorder();
    // Each call busies the thread 2 ms at 1,000 msg/s: call k starts about k ms late.
    const handle = () => {
      const until = performance.now() + 2;
      while (performance.now() < until);
    };
    const out = await runOpenLoop(input({ handle, durationMs: 100, minMessages: 1, recorder }), 1000);
    const latency = recorder.summary()!;
    expect(out.messages).toBe(100);
    expect(latency.max).toBeGreaterThan(90);
    expect(latency.p50).toBeGreaterThan(40);
  });
});
