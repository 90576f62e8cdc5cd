// The tumbling-window aggregator fed JSON events at a fixed 50k events/s (open loop): latency
// counts from each event's scheduled arrival, so stalls while closing windows show in the tail.
import { TumblingWindowAggregator, createWindowTotals, decodeEvent, makeEventSource } from './lib/tumbling-window.mjs';

export default {
  name: 'tumbling-window-open',
  setup: () => {
    const sink = createWindowTotals();
    const aggregator = new TumblingWindowAggregator({ windowMs: 1000, allowedLatenessMs: 500, onWindow: sink.onWindow });
    return { aggregator, sink, source: makeEventSource({ count: 2048, seed: 21 }) };
  },
  message: (i, ctx) => ctx.source.lineAt(i),
  handle: (line, ctx) => ctx.aggregator.add(decodeEvent(line)),
  teardown: (ctx) => ctx.aggregator.flush(),
  options: { warmup: '1s', duration: '500ms', rate: 50_000 },
};
