// BoundedQueue: an async FIFO with a fixed capacity. `push` resolves once the item is in the
// queue, so a producer that outruns its consumer is held back (backpressure) instead of
// growing memory; `pull` resolves with the next item, waiting while the queue is empty.

/** Returned by `pull()` once the queue is closed and empty. */
export const CLOSED = Symbol('closed');

export class BoundedQueue {
  constructor(capacity) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
    this.capacity = capacity;
    // Ring buffer of queued items.
    this.buffer = new Array(capacity);
    this.head = 0;
    this.size = 0;
    // Producers waiting for space: { item, resolve }, and consumers waiting for items: resolve.
    this.blockedProducers = [];
    this.waitingConsumers = [];
    this.closed = false;
    this.stats = { pushed: 0, pulled: 0, blockedPushes: 0, emptyPulls: 0 };
  }

  /** Adds an item, waiting while the queue is full. */
  push(item) {
    if (this.closed) return Promise.reject(new Error('push to a closed queue'));
    this.stats.pushed++;
    if (this.waitingConsumers.length > 0) {
      // A consumer is already waiting: hand the item over directly.
      this.waitingConsumers.shift()(item);
      return Promise.resolve();
    }
    if (this.size < this.capacity) {
      this.#enqueue(item);
      return Promise.resolve();
    }
    this.stats.blockedPushes++;
    return new Promise((resolve) => this.blockedProducers.push({ item, resolve }));
  }

  /** Takes the next item, waiting while the queue is empty; `CLOSED` after `close()`. */
  pull() {
    this.stats.pulled++;
    if (this.size > 0) {
      const item = this.#dequeue();
      this.#admitProducer();
      return Promise.resolve(item);
    }
    if (this.closed) return Promise.resolve(CLOSED);
    this.stats.emptyPulls++;
    return new Promise((resolve) => this.waitingConsumers.push(resolve));
  }

  /** No more pushes; waiting consumers get `CLOSED` once the queue is empty. */
  close() {
    this.closed = true;
    if (this.size === 0) for (const resolve of this.waitingConsumers.splice(0)) resolve(CLOSED);
  }

  #enqueue(item) {
    this.buffer[(this.head + this.size) % this.capacity] = item;
    this.size++;
  }

  #dequeue() {
    const item = this.buffer[this.head];
    this.buffer[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    return item;
  }

  /** A slot was freed: move the longest-waiting producer's item in and release it. */
  #admitProducer() {
    if (this.blockedProducers.length === 0) return;
    const { item, resolve } = this.blockedProducers.shift();
    this.#enqueue(item);
    resolve();
  }
}

/** Resolves on the next turn of the event loop, as the callback of a real socket or file write would. */
export function ioRoundTrip() {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs a consumer loop until the queue is closed and drained: pulls each item and passes it to
 * `work`, and every `commitEvery` items awaits `commit(count)` (e.g. committing its read offset
 * to a broker). Returns a promise for the number of items consumed.
 */
export async function consume(queue, work, { commitEvery = 64, commit = ioRoundTrip } = {}) {
  let consumed = 0;
  while (true) {
    const item = await queue.pull();
    if (item === CLOSED) return consumed;
    work(item);
    consumed++;
    if (consumed % commitEvery === 0) await commit(consumed);
  }
}
