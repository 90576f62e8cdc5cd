import { z } from 'zod';
import type { TrialResult } from '../../domain/trial.js';
import type { HarnessMessage, HarnessResult } from '../../harness/channel.js';
import { encodeBuckets } from './histogram-encoding.js';

const finite = z.number().finite();
const nonNegative = finite.nonnegative();
const phase = z.enum(['load', 'setup', 'warmup', 'measure', 'teardown']);

const latency = z.object({
  p50: nonNegative,
  p90: nonNegative,
  p99: nonNegative,
  p999: nonNegative,
  max: nonNegative,
  mean: nonNegative,
  count: z.number().int().positive(),
  buckets: z.array(z.tuple([z.number().int().nonnegative(), z.number().positive()])).min(1),
});

const options = z.object({
  warmupMs: nonNegative,
  durationMs: nonNegative,
  minMessages: z.number().int().nonnegative(),
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
  gc: z.object({ count: z.number().int().nonnegative(), pauseMs: nonNegative }),
  peakRssBytes: nonNegative,
  peakHeapBytes: nonNegative,
  stages: z.array(z.object({ name: z.string(), busyMs: nonNegative, share: z.number().min(0).max(1.0001) })).nullable(),
  options,
});

/** Schema of every line the harness writes to the result channel. */
export const harnessMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heartbeat'), phase, messages: z.number().int().nonnegative() }),
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
    return { ok: false, reason: `result failed validation at ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  return { ok: true, message: parsed.data as HarnessMessage };
}

/** The harness's result with its latency counts encoded as an HdrHistogram (what the store keeps). */
export function toTrialResult(r: HarnessResult): TrialResult {
  if (r.latency === null) return { ...r, latency: null };
  const { buckets, ...percentiles } = r.latency;
  return { ...r, latency: { ...percentiles, histogram: encodeBuckets(buckets) } };
}
