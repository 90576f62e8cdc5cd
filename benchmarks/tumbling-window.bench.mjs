// JSON sensor events decoded and folded into 1 s tumbling windows over event time (per-sensor
// count/sum/min/max/p50/p95). Events arrive out of order (jitter up to 400 ms); the watermark
// trails the newest event by 500 ms and events for closed windows are dropped and counted.
// Synchronous handle form, closed loop.
import { TumblingWindowAggregator, createWindowTotals, decodeEvent, makeEventSource } from './lib/tumbling-window.mjs';

export default {
  name: 'tumbling-window',
  setup: () => {
    const sink = createWindowTotals();
    const aggregator = new TumblingWindowAggregator({ windowMs: 1000, allowedLatenessMs: 500, onWindow: sink.onWindow });
    return { aggregator, sink, source: makeEventSource({ count: 2048, seed: 21 }) };
  },
  message: (i, ctx) => ctx.source.lineAt(i),
  handle: (line, ctx) => ctx.aggregator.add(decodeEvent(line)),
  teardown: (ctx) => {
    ctx.aggregator.flush();
    if (ctx.aggregator.stats.dropped === 0) throw new Error('no event was dropped: the late-event path was not exercised');
  },
  options: { warmup: '1s', duration: '500ms' },
};
