import { writeSync } from 'node:fs';
import type { TrialPhase, TrialResult } from '../domain/trial.js';
import type { HarnessLatency } from './latency.js';

/** A trial's result as the harness sends it: latency as counts, which the runner encodes. */
export type HarnessResult = Omit<TrialResult, 'latency'> & { latency: HarnessLatency | null };

/** The file descriptor the runner opens for harness messages; the benchmark's stdout stays separate. */
export const RESULT_FD = 3;

export type HarnessMessage =
  | { type: 'heartbeat'; phase: TrialPhase; messages: number }
  | { type: 'result'; result: HarnessResult }
  | { type: 'error'; phase: TrialPhase; message: string };

/** Writes one newline-delimited JSON message to the result channel, synchronously. */
export function send(message: HarnessMessage): void {
  const bytes = Buffer.from(JSON.stringify(message) + '\n');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(RESULT_FD, bytes, offset);
    } catch (error) {
      // The pipe may be non-blocking and momentarily full: the parent is reading, so retry.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}
