// Keyed partitioning as a log producer does it: a record's key is hashed (FNV-1a) to one of N
// partitions, the record is serialized into that partition's buffer, and a partition's buffer is
// sealed into a batch (with a CRC) and sent once it holds `flushSize` records.
import { crc32String, fnv1a } from './checksum.mjs';
import { createRandom } from './prng.mjs';

/** Partition of a key: FNV-1a hash modulo the partition count. */
export function partitionOf(key, partitions) {
  return fnv1a(key) % partitions;
}

/** One record as it is stored in a batch: a JSON line. */
export function encodeRecord(record) {
  return JSON.stringify(record.value) + '\n';
}

/** A finished batch: the partition, its records' bytes, a record count and a CRC-32. */
export function sealBatch(partition, lines) {
  const body = lines.join('');
  return { partition, records: lines.length, body, crc: crc32String(body) };
}

export class HashPartitioner {
  /**
   * @param {{ partitions: number, flushSize: number, send: (batch) => void }} options
   */
  constructor({ partitions, flushSize, send }) {
    this.partitions = partitions;
    this.flushSize = flushSize;
    this.send = send;
    this.buffers = Array.from({ length: partitions }, () => []);
    this.stats = { records: 0, batches: 0 };
  }

  /** Appends a `{ key, value }` record to its partition; sends the partition's batch when full. */
  append(record) {
    const partition = partitionOf(record.key, this.partitions);
    const buffer = this.buffers[partition];
    buffer.push(encodeRecord(record));
    this.stats.records++;
    if (buffer.length >= this.flushSize) this.flush(partition);
    return partition;
  }

  /** Seals and sends one partition's buffered records. */
  flush(partition) {
    const lines = this.buffers[partition];
    if (lines.length === 0) return;
    this.buffers[partition] = [];
    this.stats.batches++;
    this.send(sealBatch(partition, lines));
  }

  /** Seals and sends every partition's buffered records, e.g. on shutdown. */
  flushAll() {
    for (let p = 0; p < this.partitions; p++) this.flush(p);
  }
}

/** A transport stand-in: counts what each partition received; keeps no batches. */
export function createPartitionCounters(partitions) {
  const records = new Float64Array(partitions);
  const bytes = new Float64Array(partitions);
  let digest = 0;
  return {
    send(batch) {
      records[batch.partition] += batch.records;
      bytes[batch.partition] += batch.body.length;
      digest = (digest ^ batch.crc) >>> 0;
    },
    records,
    bytes,
    digest: () => digest,
  };
}

const EVENTS = ['page_view', 'page_view', 'page_view', 'click', 'add_to_cart', 'checkout', 'search'];

/** `count` clickstream records keyed by user id (a skewed user population). */
export function makeClickstream(count, { users = 20000, seed = 1 } = {}) {
  const random = createRandom(seed);
  const records = [];
  let ts = Date.UTC(2024, 5, 1);
  for (let i = 0; i < count; i++) {
    const user = `user-${String(random.skewed(users)).padStart(6, '0')}`;
    ts += random.int(0, 30);
    const event = random.pick(EVENTS);
    records.push({
      key: user,
      value: {
        user,
        ts,
        event,
        page: `/p/${random.int(1, 5000)}`,
        ...(event === 'checkout' ? { amount: random.int(500, 50000) / 100 } : {}),
      },
    });
  }
  return records;
}
