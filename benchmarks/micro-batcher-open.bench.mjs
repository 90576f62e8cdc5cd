// MicroBatcher under an open loop: items arrive at a fixed 20k/s whatever the batcher does, so
// latency shows how long an item waits for its batch to fill (or for maxWaitMs) and be written.
import { MicroBatcher, createChecksumSink } from './lib/micro-batcher.mjs';
import { makePayments } from './lib/inputs.mjs';

export default {
  name: 'micro-batcher-open',
  setup: () => {
    const sink = createChecksumSink();
    return { sink, batcher: new MicroBatcher(sink.writeBatch, { maxSize: 32, maxWaitMs: 2 }), items: makePayments(1024, 7) };
  },
  message: (i, ctx) => ctx.items[i % ctx.items.length],
  handle: (item, ctx) => ctx.batcher.add(item),
  teardown: (ctx) => ctx.batcher.drain(),
  options: { warmup: '1s', duration: '500ms', concurrency: 256, rate: 20_000 },
};
