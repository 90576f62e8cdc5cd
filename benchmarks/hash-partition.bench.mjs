// Clickstream records hashed by user id (FNV-1a) into 16 partitions; each partition buffers
// serialized records and seals a CRC-checked batch every 64 records. Synchronous handle form.
import { HashPartitioner, createPartitionCounters, makeClickstream } from './lib/hash-partitioner.mjs';

const PARTITIONS = 16;

export default {
  name: 'hash-partition',
  setup: () => {
    const transport = createPartitionCounters(PARTITIONS);
    const partitioner = new HashPartitioner({ partitions: PARTITIONS, flushSize: 64, send: transport.send });
    return { partitioner, transport, records: makeClickstream(1024, { seed: 3 }) };
  },
  message: (i, ctx) => ctx.records[i % ctx.records.length],
  handle: (record, ctx) => ctx.partitioner.append(record),
  teardown: (ctx) => ctx.partitioner.flushAll(),
  options: { warmup: '1s', duration: '500ms' },
};
