import type { LatencyRecorder } from './latency.js';

/** What a load driver needs to push messages through a `handle` benchmark for one window. */
export interface DriveInput {
  handle: (payload: unknown, ctx: unknown) => unknown;
  message: (i: number, ctx: unknown) => unknown;
  ctx: unknown;
  /** Index of the first message (indices continue from warm-up into the measured window). */
  firstIndex: number;
  /** Window length in milliseconds; the window also lasts until `minMessages` completed. */
  durationMs: number;
  minMessages: number;
  concurrency: number;
  /** Latency sink, or `null` during warm-up or when latency recording is off. */
  recorder: LatencyRecorder | null;
  /** Shared with the heartbeat so a stuck benchmark is visible to the runner. */
  progress: { messages: number };
}

/** What one window measured. */
export interface DriveOutput {
  messages: number;
  elapsedMs: number;
  /** Bytes of all payloads when they were strings or Buffers, else `null`. */
  bytes: number | null;
}

/** `handle` threw or rejected; `index` is the message index (0-based, counted from warm-up on). */
export class MessageError extends Error {
  override name = 'MessageError';
  constructor(
    readonly index: number,
    cause: unknown,
  ) {
    super(`handle() failed on call ${index + 1}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** True for promises and other thenables. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}

/** Size in bytes of a string or binary payload, or `null` for anything else. */
export function payloadBytes(payload: unknown): number | null {
  if (typeof payload === 'string') return Buffer.byteLength(payload);
  if (payload instanceof Uint8Array) return payload.byteLength;
  return null;
}
