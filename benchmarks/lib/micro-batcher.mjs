// MicroBatcher: collects items and hands them to an async sink in batches, flushing when a
// batch reaches `maxSize` items or when its oldest item has waited `maxWaitMs`. `add` returns a
// promise that settles when the item's batch has been written (or failed); the items of one
// batch share that promise, so the cost of waiting is one promise per batch, not per item.

import { crc32String } from './checksum.mjs';

/** One pending batch: the items and the promise all of them wait on. */
class Batch {
  constructor() {
    this.items = [];
    this.timer = null;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
}

export class MicroBatcher {
  /**
   * @param {(items: unknown[]) => Promise<unknown>} sink writes one batch
   * @param {{ maxSize?: number, maxWaitMs?: number }} options
   */
  constructor(sink, { maxSize = 32, maxWaitMs = 2 } = {}) {
    this.sink = sink;
    this.maxSize = maxSize;
    this.maxWaitMs = maxWaitMs;
    this.current = null;
    this.inFlight = 0;
    this.stats = { items: 0, batches: 0, fullBatches: 0, timedBatches: 0 };
  }

  /** Queues an item; resolves with the sink's result for its batch. */
  add(item) {
    const batch = (this.current ??= this.#open());
    batch.items.push(item);
    this.stats.items++;
    if (batch.items.length >= this.maxSize) {
      this.stats.fullBatches++;
      this.#flush(batch);
    }
    return batch.promise;
  }

  /** Flushes the open batch now and waits for every batch in flight. */
  async drain() {
    if (this.current) this.#flush(this.current);
    while (this.inFlight > 0) await new Promise((resolve) => setImmediate(resolve));
  }

  #open() {
    const batch = new Batch();
    batch.timer = setTimeout(() => {
      this.stats.timedBatches++;
      this.#flush(batch);
    }, this.maxWaitMs);
    return batch;
  }

  #flush(batch) {
    if (this.current === batch) this.current = null;
    clearTimeout(batch.timer);
    this.stats.batches++;
    this.inFlight++;
    this.sink(batch.items).then(
      (result) => {
        this.inFlight--;
        batch.resolve(result);
      },
      (error) => {
        this.inFlight--;
        batch.reject(error);
      },
    );
  }
}

/** Encodes a batch as a bulk-insert request body: one JSON document per line. */
export function encodeBatch(items) {
  let body = '';
  for (const item of items) body += JSON.stringify(item) + '\n';
  return body;
}

/**
 * A sink standing in for a bulk write to a store: encodes the batch, checksums the body,
 * yields once (the "I/O"), and keeps only running totals so memory stays flat.
 */
export function createChecksumSink() {
  const totals = { batches: 0, items: 0, bytes: 0, digest: 0 };
  async function writeBatch(items) {
    const body = encodeBatch(items);
    const crc = crc32String(body);
    await null; // the round trip to the store
    totals.batches++;
    totals.items += items.length;
    totals.bytes += body.length;
    totals.digest = (totals.digest ^ crc) >>> 0;
    return crc;
  }
  return { writeBatch, totals };
}
