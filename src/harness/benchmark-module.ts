import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A stage of a pipeline benchmark: a Node stream or an async generator function. */
export type PipelineStage = NodeJS.ReadWriteStream | NodeJS.WritableStream | ((source: AsyncIterable<unknown>) => AsyncIterable<unknown>);

/** A benchmark module after validation (design §2.1). */
export interface BenchmarkDefinition {
  name: string;
  setup: () => unknown;
  message: (i: number, ctx: unknown) => unknown;
  handle: ((payload: unknown, ctx: unknown) => unknown) | null;
  pipeline: ((ctx: unknown) => PipelineStage[]) | null;
  teardown: (ctx: unknown) => unknown;
  options: unknown;
}

/** A benchmark module that cannot be used; the message is the one-line reason. */
export class BenchmarkModuleError extends Error {
  override name = 'BenchmarkModuleError';
}

const identity = (i: number) => i;
const noop = () => undefined;

/** The default benchmark name: the file name without `.bench.js` / `.bench.mjs`. */
export function benchmarkNameFromFile(file: string): string {
  return basename(file).replace(/(\.bench)?\.(c|m)?js$/, '');
}

/**
 * Imports a benchmark module and checks its shape.
 * @throws BenchmarkModuleError naming what is wrong (import failure, no handle/pipeline, bad field).
 */
export async function loadBenchmark(file: string): Promise<BenchmarkDefinition> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new BenchmarkModuleError(`cannot import ${basename(file)}: ${oneLine(error)}`, { cause: error });
  }
  const def = (mod.default ?? mod) as Record<string, unknown>;
  if (def === null || typeof def !== 'object') {
    throw new BenchmarkModuleError(`${basename(file)} must export an object (export default { handle } or { pipeline })`);
  }
  const fn = (key: string) => {
    const value = def[key];
    if (value !== undefined && typeof value !== 'function') {
      throw new BenchmarkModuleError(`${basename(file)}: '${key}' must be a function, got ${typeof value}`);
    }
    return value as ((...args: unknown[]) => unknown) | undefined;
  };
  const handle = fn('handle');
  const pipeline = fn('pipeline');
  if (!handle && !pipeline) {
    throw new BenchmarkModuleError(`${basename(file)} exports neither handle nor pipeline`);
  }
  if (handle && pipeline) {
    throw new BenchmarkModuleError(`${basename(file)} exports both handle and pipeline; keep one per module`);
  }
  if (def.name !== undefined && (typeof def.name !== 'string' || def.name.trim() === '')) {
    throw new BenchmarkModuleError(`${basename(file)}: 'name' must be a non-empty string`);
  }
  return {
    name: (def.name as string | undefined) ?? benchmarkNameFromFile(file),
    setup: fn('setup') ?? noop,
    message: (fn('message') as BenchmarkDefinition['message'] | undefined) ?? identity,
    handle: (handle as BenchmarkDefinition['handle']) ?? null,
    pipeline: (pipeline as BenchmarkDefinition['pipeline']) ?? null,
    teardown: fn('teardown') ?? noop,
    options: def.options,
  };
}

const BUILTIN_ERRORS = new Set(['TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError']);

/** An error as one line: its message (or its string form) with newlines folded. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${BUILTIN_ERRORS.has(error.name) ? error.name + ': ' : ''}${error.message}` : String(error);
  return text.replace(/\s*\n\s*/g, ' ').slice(0, 500);
}
