/**
 * Entry point of a trial process: `node dist/harness/trial.js '<spec json>'`.
 * Loads one benchmark module, warms it up, measures one window and writes exactly one
 * `result` or `error` message to fd 3. Heartbeats on the same channel let the runner tell a
 * stuck trial from a slow one.
 */
import { resolveTrialOptions } from '../domain/trial-options.js';
import type { TrialOptions, TrialPhase } from '../domain/trial.js';
import { loadBenchmark, oneLine, type BenchmarkDefinition } from './benchmark-module.js';
import { send } from './channel.js';
import { runClosedLoop } from './closed-loop.js';
import type { DriveInput, DriveOutput } from './drive.js';
import { LatencyRecorder } from './latency.js';
import { runOpenLoop } from './open-loop.js';
import { runPipelineWindow } from './pipeline-driver.js';
import { ResourceMeter } from './resources.js';
import { toHarnessResult } from './result.js';

/** What the runner passes to a trial process. */
export interface TrialSpec {
  /** Absolute path of the benchmark module. */
  file: string;
  /** Options from perfbot's defaults and the repo config; the module's own options win. */
  defaults: TrialOptions;
}

const HEARTBEAT_MS = 200;

const state: { phase: TrialPhase; finished: boolean } = { phase: 'load', finished: false };
const progress = { messages: 0 };
const meter = new ResourceMeter();

function finishWithError(message: string): void {
  if (state.finished) return;
  state.finished = true;
  send({ type: 'error', phase: state.phase, message });
  process.exitCode = 1;
}

const WAITING_ON: Record<TrialPhase, string> = {
  load: 'importing the module',
  setup: 'setup()',
  warmup: 'the benchmark (warm-up)',
  measure: 'the benchmark',
  teardown: 'teardown()',
};

process.on('uncaughtException', (error) => {
  finishWithError(`uncaught exception during ${state.phase}: ${oneLine(error)}`);
  process.exit(1);
});
process.on('unhandledRejection', (error) => {
  finishWithError(`unhandled rejection during ${state.phase}: ${oneLine(error)}`);
  process.exit(1);
});
process.on('beforeExit', () => {
  finishWithError(`${WAITING_ON[state.phase]} never settled: a promise was left pending with nothing left to run`);
});

const heartbeat = setInterval(() => {
  meter.sampleHeap();
  send({ type: 'heartbeat', phase: state.phase, messages: progress.messages });
}, HEARTBEAT_MS);
heartbeat.unref();

async function phase<T>(name: TrialPhase, what: string, run: () => T | Promise<T>): Promise<T> {
  state.phase = name;
  progress.messages = 0;
  // Tell the runner at once, so a benchmark that blocks the thread is named by its phase.
  send({ type: 'heartbeat', phase: name, messages: 0 });
  try {
    return await run();
  } catch (error) {
    throw new Error(`${what}: ${oneLine(error)}`, { cause: error });
  }
}

async function measureHandle(bench: BenchmarkDefinition, ctx: unknown, options: TrialOptions) {
  const drive = (input: DriveInput): Promise<DriveOutput> =>
    options.rate === null ? runClosedLoop(input) : runOpenLoop(input, options.rate);
  const base = { handle: bench.handle!, message: bench.message, ctx, concurrency: options.concurrency, progress };
  let next = 0;
  if (options.warmupMs > 0) {
    const warm = await phase('warmup', 'warm-up failed', () =>
      drive({ ...base, firstIndex: 0, durationMs: options.warmupMs, minMessages: 1, recorder: null }),
    );
    next = warm.messages;
  }
  const recorder = options.latency ? new LatencyRecorder() : null;
  meter.start();
  const out = await phase('measure', 'measured window failed', () =>
    drive({ ...base, firstIndex: next, durationMs: options.durationMs, minMessages: options.minMessages, recorder }),
  );
  const use = meter.stop();
  return { ...out, latency: recorder?.summary() ?? null, stages: null, use };
}

async function measurePipeline(bench: BenchmarkDefinition, ctx: unknown, options: TrialOptions) {
  const base = { bench, ctx, progress };
  let next = 0;
  if (options.warmupMs > 0) {
    const warm = await phase('warmup', 'warm-up failed', () =>
      runPipelineWindow({ ...base, firstIndex: 0, durationMs: options.warmupMs, minMessages: 1 }),
    );
    next = warm.messages;
  }
  meter.start();
  const out = await phase('measure', 'measured window failed', () =>
    runPipelineWindow({ ...base, firstIndex: next, durationMs: options.durationMs, minMessages: options.minMessages }),
  );
  const use = meter.stop();
  return { ...out, latency: null, use };
}

async function main(spec: TrialSpec): Promise<void> {
  const bench = await phase('load', 'cannot load benchmark', () => loadBenchmark(spec.file));
  const resolved = resolveTrialOptions(bench.options, spec.defaults);
  if (!resolved.ok) throw new Error(`bad options in ${bench.name}: ${resolved.error}`);
  const options = resolved.options;
  const ctx = await phase('setup', 'setup() threw', () => bench.setup());
  const measured = bench.handle ? await measureHandle(bench, ctx, options) : await measurePipeline(bench, ctx, options);
  await phase('teardown', 'teardown() threw', () => bench.teardown(ctx));
  const result = toHarnessResult({ name: bench.name, form: bench.handle ? 'handle' : 'pipeline', options, ...measured });
  state.finished = true;
  send({ type: 'result', result });
}

function parseSpec(text: string | undefined): TrialSpec {
  if (!text) throw new Error('usage: trial.js <spec json>');
  return JSON.parse(text) as TrialSpec;
}

main(parseSpec(process.argv[2])).then(
  () => {
    meter.close();
    // Benchmarks may leave sockets or timers open; the trial is over, so do not wait on them.
    process.exit(0);
  },
  (error: unknown) => {
    finishWithError(error instanceof Error ? error.message.replace(/\s*\n\s*/g, ' ') : String(error));
    process.exit(1);
  },
);
