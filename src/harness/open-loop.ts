import { now } from './clock.js';
import { isThenable, MessageError, payloadBytes, type DriveInput, type DriveOutput } from './drive.js';

const YIELD_EVERY_MS = 10;

/**
 * Open loop: message k is due at `start + k / rate`, whatever happened before it. When the
 * handler stalls, due messages queue (at most `concurrency` run at once) and each one's
 * latency is counted from its intended send time, so the stall shows in the percentiles
 * instead of being hidden (no coordinated omission).
 * @param rate messages per second
 */
export function runOpenLoop(input: DriveInput, rate: number): Promise<DriveOutput> {
  const { handle, message, ctx, recorder, progress, concurrency } = input;
  const interval = 1000 / rate;
  const first = payloadBytes(message(input.firstIndex, ctx));
  let bytes = first === null ? null : 0;

  return new Promise<DriveOutput>((resolve, reject) => {
    const start = now();
    const endAt = start + input.durationMs;
    let k = 0;
    let inFlight = 0;
    let done = 0;
    let ended = false;
    let failed = false;
    let scheduled = false;
    let last = start;

    const complete = (intended: number) => {
      const t = now();
      recorder?.record(t - intended);
      progress.messages = ++done;
      last = t;
    };
    const fail = (index: number, error: unknown) => {
      if (failed) return;
      failed = true;
      reject(new MessageError(index, error));
    };

    const pump = () => {
      scheduled = false;
      if (failed) return;
      const yieldAt = now() + YIELD_EVERY_MS;
      let t = now();
      while (!ended && inFlight < concurrency) {
        const intended = start + k * interval;
        if (intended >= endAt && k >= input.minMessages) {
          ended = true;
          break;
        }
        if (intended > t) break;
        const index = input.firstIndex + k++;
        const payload = message(index, ctx);
        if (bytes !== null) bytes += payloadBytes(payload) ?? 0;
        let result: unknown;
        try {
          result = handle(payload, ctx);
        } catch (error) {
          fail(index, error);
          return;
        }
        if (isThenable(result)) {
          inFlight++;
          result.then(
            () => {
              inFlight--;
              complete(intended);
              pump();
            },
            (error: unknown) => fail(index, error),
          );
        } else {
          complete(intended);
        }
        t = now();
        if (t >= yieldAt) break;
      }
      if (ended) {
        if (inFlight === 0) resolve({ messages: done, elapsedMs: last - start, bytes });
        return;
      }
      if (inFlight >= concurrency || scheduled) return;
      scheduled = true;
      const wait = start + k * interval - now();
      // Timers fire up to ~1 ms late; sleep until just before the send time, then turn the loop.
      if (wait > 2) setTimeout(pump, wait - 1.5);
      else setImmediate(pump);
    };
    pump();
  });
}
