import { pipeline } from 'node:stream/promises';
import type { BenchmarkDefinition, PipelineStage } from './benchmark-module.js';
import { nextTurn, now } from './clock.js';
import { payloadBytes } from './drive.js';
import { StageTimer } from './stage-timer.js';
import { instrumentStages, isReadableStage, stageNames } from './stages.js';
import type { StageShare } from '../domain/trial.js';

/** A pipeline stage failed, or the factory returned something unusable. */
export class PipelineError extends Error {
  override name = 'PipelineError';
}

export interface PipelineWindow {
  bench: BenchmarkDefinition;
  ctx: unknown;
  firstIndex: number;
  durationMs: number;
  minMessages: number;
  progress: { messages: number };
}

export interface PipelineOutput {
  /** Source messages that went through the whole pipeline. */
  messages: number;
  /** From the first message in to the pipeline fully drained, in milliseconds. */
  elapsedMs: number;
  bytes: number | null;
  stages: StageShare[];
}

const CHECK_CLOCK_EVERY = 64;
const YIELD_EVERY_MS = 10;

/**
 * Runs one fresh pipeline from `bench.pipeline(ctx)`: a source feeds messages until the window
 * has passed (and `minMessages` were sent), then the pipeline drains. Throughput counts source
 * messages over the time to drain, so batching or filtering stages do not distort it.
 */
export async function runPipelineWindow(window: PipelineWindow): Promise<PipelineOutput> {
  const { bench, ctx, progress } = window;
  const stages = bench.pipeline!(ctx);
  if (!Array.isArray(stages) || stages.length === 0) {
    throw new PipelineError('pipeline(ctx) must return a non-empty array of stages');
  }
  const names = stageNames(stages);
  const timer = new StageTimer(names);
  let instrumented: PipelineStage[];
  try {
    instrumented = instrumentStages(stages, timer);
  } catch (error) {
    throw new PipelineError((error as Error).message);
  }

  const first = payloadBytes(bench.message(window.firstIndex, ctx));
  let bytes = first === null ? null : 0;
  let sent = 0;
  const start = now();
  const deadline = start + window.durationMs;
  let yieldAt = start + YIELD_EVERY_MS;
  // An async source, so the event loop turns every few milliseconds: heartbeats, GC
  // observation and heap sampling keep working during a pipeline window.
  async function* source() {
    let i = window.firstIndex;
    while (true) {
      if (sent % CHECK_CLOCK_EVERY === 0) {
        progress.messages = sent;
        const t = now();
        if (sent >= window.minMessages && t >= deadline) return;
        if (t >= yieldAt) {
          await nextTurn();
          yieldAt = now() + YIELD_EVERY_MS;
        }
      }
      const payload = bench.message(i++, ctx);
      if (bytes !== null) bytes += payloadBytes(payload) ?? 0;
      sent++;
      yield payload;
    }
  }
  const sink = async (output: AsyncIterable<unknown>) => {
    for await (const _ of output); // drain
  };
  const chain: unknown[] = [source, ...instrumented];
  if (isReadableStage(stages[stages.length - 1]!)) chain.push(sink);
  try {
    await (pipeline as (...streams: unknown[]) => Promise<void>)(...chain);
  } catch (error) {
    throw new PipelineError(`pipeline failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const elapsedMs = now() - start;
  progress.messages = sent;
  const total = timer.busy.reduce((a, b) => a + b, 0);
  return {
    messages: sent,
    elapsedMs,
    bytes,
    stages: names.map((name, i) => ({ name, busyMs: timer.busy[i]!, share: total > 0 ? timer.busy[i]! / total : 0 })),
  };
}
