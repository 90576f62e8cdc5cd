// MicroBatcher under a closed loop: 64 callers in flight, so batches fill to maxSize and
// flush on size; latency is each item's wait for its batch to be written.
import { MicroBatcher, createChecksumSink } from './lib/micro-batcher.mjs';
import { makePayments } from './lib/inputs.mjs';

export default {
  name: 'micro-batcher',
  setup: () => {
    const sink = createChecksumSink();
    return { sink, batcher: new MicroBatcher(sink.writeBatch, { maxSize: 32, maxWaitMs: 2 }), items: makePayments(1024, 7) };
  },
  message: (i, ctx) => ctx.items[i % ctx.items.length],
  handle: (item, ctx) => ctx.batcher.add(item),
  teardown: (ctx) => ctx.batcher.drain(),
  options: { warmup: '1s', duration: '500ms', concurrency: 64 },
};
