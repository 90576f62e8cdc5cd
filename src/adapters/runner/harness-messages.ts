import { z } from 'zod';
import type { TrialResult } from '../../domain/trial.js';
import type { HarnessMessage, HarnessResult } from '../../harness/channel.js';
import { MAX_BUCKET_INDEX, encodeBuckets } from './histogram-encoding.js';

/** zod 4 numbers are finite and `.int()` is a safe integer; JSON's `1e999` parses to Infinity and fails here. */
const finite = z.number();
const nonNegative = finite.nonnegative();
const nonNegativeInt = z.number().int().nonnegative();
const phase = z.enum(['load', 'setup', 'warmup', 'measure', 'teardown']);

const latency = z.object({
  p50: nonNegative,
  p90: nonNegative,
  p99: nonNegative,
  p999: nonNegative,
  max: nonNegative,
  mean: nonNegative,
  count: z.number().int().positive(),
  buckets: z
    .array(z.tuple([z.number().int().min(0).max(MAX_BUCKET_INDEX), z.number().int().positive()]))
    .min(1)
    .max(MAX_BUCKET_INDEX + 1),
}).superRefine((l, ctx) => {
  let total = 0;
  for (let i = 0; i < l.buckets.length; i++) {
    if (i > 0 && l.buckets[i]![0] <= l.buckets[i - 1]![0]) {
      ctx.addIssue({ code: 'custom', path: ['buckets', i, 0], message: 'bucket indices must be strictly increasing' });
      return;
    }
    total += l.buckets[i]![1];
  }
  if (total !== l.count) ctx.addIssue({ code: 'custom', path: ['count'], message: `count ${l.count} is not the sum of the bucket counts (${total})` });
});

const options = z.object({
  warmupMs: nonNegative,
  durationMs: nonNegative,
  minMessages: nonNegativeInt,
  concurrency: z.number().int().positive(),
  rate: z.number().positive().nullable(),
  latency: z.boolean(),
});

const result = z.object({
  name: z.string().min(1),
  form: z.enum(['handle', 'pipeline']),
  mode: z.enum(['closed', 'open']),
  messages: z.number().int().positive(),
  windowMs: z.number().positive(),
  throughput: z.number().positive(),
  bytesPerSec: nonNegative.nullable(),
  latency: latency.nullable(),
  cpuPerMessageUs: nonNegative,
  elu: z.number().min(0).max(1.0001),
  gc: z.object({ count: nonNegativeInt, pauseMs: nonNegative }),
  peakRssBytes: nonNegative,
  peakHeapBytes: nonNegative,
  stages: z.array(z.object({ name: z.string(), busyMs: nonNegative, share: z.number().min(0).max(1.0001) })).nullable(),
  options,
});

/** Schema of every line the harness writes to the result channel. */
export const harnessMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heartbeat'), phase, messages: nonNegativeInt }),
  z.object({ type: z.literal('result'), result }),
  z.object({ type: z.literal('error'), phase, message: z.string() }),
]);

/**
 * Parses one line of the result channel.
 * @returns the message, or a one-line reason why the line is not a valid message.
 */
export function parseHarnessLine(line: string): { ok: true; message: HarnessMessage } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, reason: `result channel carried a line that is not JSON: ${JSON.stringify(line.slice(0, 80))}` };
  }
  const parsed = harnessMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: oneLine(`result failed validation at ${issue.path.join('.') || '(root)'}: ${issue.message}`) };
  }
  return { ok: true, message: parsed.data as HarnessMessage };
}

/**
 * The harness's result with its latency counts encoded as an HdrHistogram (what the store keeps).
 * @throws RangeError when the counts cannot be encoded; see {@link encodeTrialResult} for untrusted input.
 */
export function toTrialResult(r: HarnessResult): TrialResult {
  if (r.latency === null) return { ...r, latency: null };
  const { buckets, ...percentiles } = r.latency;
  return { ...r, latency: { ...percentiles, histogram: encodeBuckets(buckets) } };
}

/**
 * {@link toTrialResult} for a result that came from a trial: whatever the encoder throws
 * becomes a one-line reason instead of an exception.
 */
export function encodeTrialResult(r: HarnessResult): { ok: true; result: TrialResult } | { ok: false; reason: string } {
  try {
    return { ok: true, result: toTrialResult(r) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: oneLine(`result's latency histogram could not be encoded: ${message || (error as Error)?.name || 'unknown error'}`) };
  }
}

/** First line of a message, at most 300 characters: reasons are one line. */
function oneLine(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return first.length > 300 ? `${first.slice(0, 299)}…` : first;
}
