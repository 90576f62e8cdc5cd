import { now, nextTurn } from './clock.js';
import { isThenable, MessageError, payloadBytes, type DriveInput, type DriveOutput } from './drive.js';

const YIELD_EVERY_MS = 10;
const MAX_BATCH = 4096;

/**
 * Closed loop: each message is sent when a slot frees up. With concurrency 1 the loop
 * generates messages in batches outside the timed region and takes one clock reading per
 * message (the end of one call is the start of the next), which keeps harness cost near the
 * price of `performance.now()` plus one histogram record.
 */
export async function runClosedLoop(input: DriveInput): Promise<DriveOutput> {
  return input.concurrency === 1 ? runSerial(input) : runLanes(input);
}

async function runSerial(input: DriveInput): Promise<DriveOutput> {
  const { handle, message, ctx, recorder, progress } = input;
  const first = payloadBytes(message(input.firstIndex, ctx));
  let bytes = first === null ? null : 0;
  const buffer: unknown[] = [];
  let batch = 1;
  let index = input.firstIndex;
  let done = 0;
  const start = now();
  const deadline = start + input.durationMs;
  let yieldAt = start + YIELD_EVERY_MS;
  let t = start;
  try {
    while (true) {
      for (let k = 0; k < batch; k++) buffer[k] = message(index + k, ctx);
      if (bytes !== null) for (let k = 0; k < batch; k++) bytes += payloadBytes(buffer[k]) ?? 0;
      const batchStart = now();
      t = batchStart;
      for (let k = 0; k < batch; k++, index++) {
        const result = handle(buffer[k], ctx);
        if (isThenable(result)) await result;
        if (recorder !== null) {
          const t1 = now();
          recorder.record(t1 - t);
          t = t1;
        }
      }
      done += batch;
      progress.messages = done;
      t = now();
      if (t >= deadline && done >= input.minMessages) break;
      const took = t - batchStart;
      if (took < 1 && batch < MAX_BATCH) batch *= 2;
      else if (took > 4 && batch > 1) batch >>= 1;
      if (t >= yieldAt) {
        await nextTurn();
        yieldAt = now() + YIELD_EVERY_MS;
      }
    }
  } catch (error) {
    throw new MessageError(index, error);
  }
  buffer.length = 0;
  return { messages: done, elapsedMs: t - start, bytes };
}

async function runLanes(input: DriveInput): Promise<DriveOutput> {
  const { handle, message, ctx, recorder, progress } = input;
  const first = payloadBytes(message(input.firstIndex, ctx));
  let bytes = first === null ? null : 0;
  let next = input.firstIndex;
  let done = 0;
  let stop = false;
  const start = now();
  const deadline = start + input.durationMs;
  let yieldAt = start + YIELD_EVERY_MS;
  let end = start;
  // All lanes pause for the same turn of the event loop: a lane that yielded alone would wait
  // behind the others' microtasks and the loop would collapse to one message in flight.
  let pause: Promise<void> | null = null;
  const lane = async () => {
    while (!stop) {
      const index = next++;
      const payload = message(index, ctx);
      if (bytes !== null) bytes += payloadBytes(payload) ?? 0;
      const t0 = now();
      try {
        const result = handle(payload, ctx);
        if (isThenable(result)) await result;
      } catch (error) {
        stop = true;
        throw new MessageError(index, error);
      }
      const t1 = now();
      recorder?.record(t1 - t0);
      progress.messages = ++done;
      end = t1;
      if (t1 >= deadline && done >= input.minMessages) stop = true;
      else if (pause !== null) await pause;
      else if (t1 >= yieldAt) {
        pause = nextTurn().then(() => {
          pause = null;
          yieldAt = now() + YIELD_EVERY_MS;
        });
        await pause;
      }
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, lane));
  return { messages: done, elapsedMs: end - start, bytes };
}
