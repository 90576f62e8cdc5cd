// Four producers push access-log lines into a BoundedQueue (capacity 256) faster than one
// consumer can parse and aggregate them (the consumer also commits its offset, an async round
// trip, every 64 lines). handle(line) is a producer's `await queue.push(line)`: its latency is
// the time spent held back by a full queue, and throughput is what the consumer sustains.
import { BoundedQueue, consume } from './lib/bounded-queue.mjs';
import { RouteStats, makeAccessLog, parseAccessLine } from './lib/log-records.mjs';

export default {
  name: 'bounded-queue',
  setup: () => {
    const queue = new BoundedQueue(256);
    const stats = new RouteStats();
    const consumer = consume(queue, (line) => stats.add(parseAccessLine(line)), { commitEvery: 64 });
    return { queue, stats, consumer, lines: makeAccessLog(1024, 11) };
  },
  message: (i, ctx) => ctx.lines[i % ctx.lines.length],
  handle: (line, ctx) => ctx.queue.push(line),
  teardown: async (ctx) => {
    ctx.queue.close();
    await ctx.consumer;
    // Only meaningful if the producers really were held back: most pushes must have waited.
    const { pushed, blockedPushes } = ctx.queue.stats;
    if (blockedPushes < pushed / 2) throw new Error(`only ${blockedPushes} of ${pushed} pushes waited for space: backpressure was not exercised`);
  },
  options: { warmup: '1s', duration: '500ms', concurrency: 4 },
};
