// Tumbling-window aggregation over event time with bounded out-of-orderness.
//
// Events carry their own timestamp. The watermark trails the largest timestamp seen by
// `allowedLatenessMs`; a window [start, start + windowMs) closes once the watermark passes its
// end and its per-key aggregates (count, sum, min, max, and a latency histogram for p50/p95)
// are emitted. Events for windows that already closed are dropped and counted.

import { createRandom } from './prng.mjs';

/** Buckets of the per-key value histogram: bucket b covers [2^(b/4), 2^((b+1)/4)). */
const BUCKETS = 64;

/** Histogram bucket of a positive value (quarter-powers of two, clamped). */
export function bucketOf(value) {
  if (value < 1) return 0;
  const b = Math.floor(Math.log2(value) * 4);
  return b < BUCKETS ? b : BUCKETS - 1;
}

/** Value at quantile q (0..1) from a bucket histogram; the lower edge of the bucket. */
export function quantileOf(histogram, count, q) {
  const rank = Math.ceil(q * count);
  let seen = 0;
  for (let b = 0; b < BUCKETS; b++) {
    seen += histogram[b];
    if (seen >= rank) return 2 ** (b / 4);
  }
  return 2 ** (BUCKETS / 4);
}

/** Running aggregate of one key in one window. */
export class KeyAggregate {
  constructor() {
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.histogram = new Uint32Array(BUCKETS);
  }

  add(value) {
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.histogram[bucketOf(value)]++;
  }

  /** The emitted form: plain numbers only. */
  summarize() {
    return {
      count: this.count,
      sum: this.sum,
      mean: this.sum / this.count,
      min: this.min,
      max: this.max,
      p50: quantileOf(this.histogram, this.count, 0.5),
      p95: quantileOf(this.histogram, this.count, 0.95),
    };
  }
}

export class TumblingWindowAggregator {
  /**
   * @param {{ windowMs: number, allowedLatenessMs: number, onWindow: (result) => void }} options
   *   `onWindow` receives `{ start, end, keys: Map<key, summary> }` for each closed window.
   */
  constructor({ windowMs, allowedLatenessMs, onWindow }) {
    this.windowMs = windowMs;
    this.allowedLatenessMs = allowedLatenessMs;
    this.onWindow = onWindow;
    this.windows = new Map(); // window start -> Map<key, KeyAggregate>
    this.maxEventTime = -Infinity;
    this.watermark = -Infinity;
    this.stats = { events: 0, late: 0, dropped: 0, windowsClosed: 0 };
  }

  /** Start of the window an event time falls into. */
  windowStart(ts) {
    return ts - (ts % this.windowMs);
  }

  /** Adds one event `{ key, ts, value }`; returns false when it arrived too late and was dropped. */
  add(event) {
    this.stats.events++;
    const start = this.windowStart(event.ts);
    if (start + this.windowMs <= this.watermark) {
      this.stats.dropped++;
      return false;
    }
    if (event.ts < this.maxEventTime) this.stats.late++;
    this.#aggregateFor(start, event.key).add(event.value);
    if (event.ts > this.maxEventTime) this.advanceWatermark(event.ts);
    return true;
  }

  /** Moves event time forward and closes every window the new watermark has passed. */
  advanceWatermark(eventTime) {
    this.maxEventTime = eventTime;
    const watermark = eventTime - this.allowedLatenessMs;
    if (watermark <= this.watermark) return;
    this.watermark = watermark;
    let due = null;
    for (const start of this.windows.keys()) {
      if (start + this.windowMs <= watermark) (due ??= []).push(start);
    }
    // Emit in event-time order (a late event can open an older window after a newer one).
    if (due !== null) for (const start of due.sort((a, b) => a - b)) this.#close(start);
  }

  /** Closes all open windows, e.g. at the end of a stream. */
  flush() {
    for (const start of [...this.windows.keys()].sort((a, b) => a - b)) this.#close(start);
  }

  #aggregateFor(start, key) {
    let window = this.windows.get(start);
    if (window === undefined) {
      window = new Map();
      this.windows.set(start, window);
    }
    let agg = window.get(key);
    if (agg === undefined) {
      agg = new KeyAggregate();
      window.set(key, agg);
    }
    return agg;
  }

  #close(start) {
    const window = this.windows.get(start);
    this.windows.delete(start);
    const keys = new Map();
    for (const [key, agg] of window) keys.set(key, agg.summarize());
    this.stats.windowsClosed++;
    this.onWindow({ start, end: start + this.windowMs, keys });
  }
}

/** A window sink that keeps only running totals (what a metrics exporter would forward). */
export function createWindowTotals() {
  const totals = { windows: 0, keys: 0, events: 0, maxP95: 0 };
  const onWindow = (result) => {
    totals.windows++;
    for (const summary of result.keys.values()) {
      totals.keys++;
      totals.events += summary.count;
      if (summary.p95 > totals.maxP95) totals.maxP95 = summary.p95;
    }
  };
  return { onWindow, totals };
}

/**
 * Decodes one JSON event as it comes off the wire (`{"ts":…,"sensor":…,"value":…,…}`) into
 * `{ key, ts, value }`; throws on a malformed event.
 */
export function decodeEvent(line) {
  const raw = JSON.parse(line);
  if (typeof raw.ts !== 'number' || typeof raw.sensor !== 'string' || typeof raw.value !== 'number') {
    throw new TypeError(`malformed event: ${line.slice(0, 80)}`);
  }
  return { key: raw.site + '/' + raw.sensor, ts: raw.ts, value: raw.value };
}

/**
 * A repeatable stream of out-of-order JSON events. The pool holds `count` events spanning
 * `count * stepMs` of event time; `lineAt(i)` cycles through it and shifts each lap forward
 * in time, so event time keeps advancing however many events are drawn.
 *
 * Most events are a little late (jitter up to `jitterMs`); a fraction `veryLate` are
 * `veryLateMs` late, past the allowed lateness, and get dropped.
 */
export function makeEventSource({ count = 8192, stepMs = 0.25, keys = 200, jitterMs = 400, veryLate = 0.005, veryLateMs = 5000, seed = 1 } = {}) {
  const random = createRandom(seed);
  const offsets = new Float64Array(count);
  const bodies = [];
  for (let i = 0; i < count; i++) {
    let lateness = random.chance(0.7) ? random.float(0, jitterMs) : 0;
    if (random.chance(veryLate)) lateness = veryLateMs + random.float(0, 1000);
    offsets[i] = Math.floor(i * stepMs - lateness);
    const k = random.skewed(keys);
    const value = Math.round(random.float(1, 50) ** 2 * 10) / 10; // latency-like, right-skewed
    // Everything after the timestamp; the timestamp is prepended per lap.
    bodies.push(`"sensor":"sensor-${String(k).padStart(4, '0')}","site":"plant-${k % 7}","metric":"latency_ms","value":${value},"unit":"ms","seq":${i}}`);
  }
  const lap = Math.ceil(count * stepMs);
  const base = Date.UTC(2024, 0, 1);
  return {
    lineAt(i) {
      const slot = i % count;
      return `{"ts":${base + Math.floor(i / count) * lap + offsets[slot]},${bodies[slot]}`;
    },
  };
}
