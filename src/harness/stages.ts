import type { PipelineStage } from './benchmark-module.js';
import type { StageTimer } from './stage-timer.js';

type AsyncStageFn = (source: AsyncIterable<unknown>) => AsyncIterable<unknown>;
type Callback = (error?: Error | null, data?: unknown) => void;

/** A readable name for each stage: the function or class name, or `stage N`, made unique. */
export function stageNames(stages: readonly PipelineStage[]): string[] {
  const names = stages.map((stage, i) => {
    const own = (stage as { name?: unknown }).name;
    if (typeof stage === 'function' && stage.name) return stage.name;
    if (typeof own === 'string' && own) return own;
    const ctor = (stage as object).constructor?.name;
    if (ctor && !['Transform', 'Writable', 'Duplex', 'PassThrough', 'Readable'].includes(ctor)) return ctor;
    return `stage ${i + 1}`;
  });
  return names.map((name, i) => (names.indexOf(name) === i && names.lastIndexOf(name) === i ? name : `${name} #${i + 1}`));
}

/** True when a stage produces output that a following stage or sink must consume. */
export function isReadableStage(stage: PipelineStage): boolean {
  if (typeof stage === 'function') return true;
  return typeof (stage as { read?: unknown }).read === 'function' && (stage as { readable?: unknown }).readable !== false;
}

/**
 * Wraps each stage so the timer sees when it works. Stream stages are patched in place
 * (`_transform`, `_flush`, `_write`, `_writev`); async generator stages are wrapped.
 * @throws TypeError naming a stage that is neither a stream nor a function.
 */
export function instrumentStages(stages: readonly PipelineStage[], timer: StageTimer): PipelineStage[] {
  return stages.map((stage, i) => {
    if (typeof stage === 'function') return instrumentFunction(stage as AsyncStageFn, i, timer);
    if (stage && typeof stage === 'object' && typeof (stage as { write?: unknown }).write === 'function') {
      // A Transform's own _write defers its callback while the readable side is full; timing
      // it would count backpressure as work, so only the user's methods are timed.
      const methods = typeof (stage as { _transform?: unknown })._transform === 'function' ? ['_transform', '_flush'] : ['_write', '_writev', '_final'];
      for (const method of methods) patchStreamMethod(stage, method, i, timer);
      return stage;
    }
    throw new TypeError(`pipeline stage ${i + 1} is neither a stream nor an async generator function`);
  });
}

function patchStreamMethod(stream: object, method: string, stage: number, timer: StageTimer): void {
  const target = stream as Record<string, unknown>;
  const original = target[method];
  if (typeof original !== 'function') return;
  target[method] = function (this: unknown, ...args: unknown[]) {
    const last = args.length - 1;
    const callback = args[last] as Callback;
    let returned = false;
    let calledBack = false;
    args[last] = (error?: Error | null, data?: unknown) => {
      if (!returned) calledBack = true;
      else if (!calledBack) {
        calledBack = true;
        timer.endAsync(stage);
      }
      callback(error, data);
    };
    timer.enter(stage);
    try {
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } finally {
      timer.exit();
      returned = true;
      // The stage is still working on this chunk until it calls back.
      if (!calledBack) timer.beginAsync(stage);
    }
  };
}

function instrumentFunction(fn: AsyncStageFn, stage: number, timer: StageTimer): AsyncStageFn {
  const named = {
    [fn.name || `stage${stage + 1}`]: (source: AsyncIterable<unknown>) => {
      const input: AsyncIterable<unknown> = {
        [Symbol.asyncIterator]() {
          // The first stage may be handed the harness's source as a plain (sync) iterable.
          const syncOrAsync = source as AsyncIterable<unknown> & Partial<Iterable<unknown>>;
          const it: { next(): unknown; return?(value?: unknown): unknown } =
            typeof syncOrAsync[Symbol.asyncIterator] === 'function' ? syncOrAsync[Symbol.asyncIterator]() : syncOrAsync[Symbol.iterator]!();
          return {
            async next() {
              timer.beginWait(stage);
              try {
                return (await it.next()) as IteratorResult<unknown>;
              } finally {
                timer.endWait(stage);
              }
            },
            async return(value?: unknown) {
              return (it.return ? await it.return(value) : { done: true, value }) as IteratorResult<unknown>;
            },
          };
        },
      };
      const output = fn(input);
      const it = output[Symbol.asyncIterator]();
      return {
        [Symbol.asyncIterator]() {
          return {
            async next() {
              timer.beginAsync(stage);
              try {
                return await it.next();
              } finally {
                timer.endAsync(stage);
              }
            },
            async return(value?: unknown) {
              return it.return ? it.return(value) : { done: true, value };
            },
            async throw(error?: unknown) {
              if (it.throw) return it.throw(error);
              throw error;
            },
          };
        },
      };
    },
  };
  return named[fn.name || `stage${stage + 1}`]!;
}
