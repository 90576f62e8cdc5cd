// Content-addressed chunk store ingest (deduplicating backup style):
//
//   ContentChunker (Transform)  ->  fingerprint workers (ordered parallel map)  ->  manifest fold
//
// The chunker cuts the byte stream where a rolling gear hash matches a mask, so chunk borders
// follow the content; each chunk is fingerprinted (SHA-1) by a pool of async workers; the
// fingerprints are folded into manifest entries.
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { mapOrdered } from './parallel-map.mjs';
import { createRandom } from './prng.mjs';

/** 256 pseudo-random 32-bit values for the gear hash (fixed seed: chunk borders must be stable). */
const GEAR = (() => {
  const random = createRandom(0x9e3779b9);
  return Uint32Array.from({ length: 256 }, () => (random.next() * 2 ** 32) >>> 0);
})();

/**
 * Where the chunk starting at `start` ends: the first position past `minSize` where the gear
 * hash has all `mask` bits clear, or `start + maxSize`. Returns -1 when `buf` ends first
 * (the chunk continues in the next write). The mask uses the high bits, which depend on the
 * last 32 bytes (the low bits only see the last few).
 */
export function findChunkEnd(buf, start, minSize, maxSize, mask) {
  const limit = Math.min(buf.length, start + maxSize);
  let hash = 0;
  for (let i = start + minSize; i < limit; i++) {
    hash = ((hash << 1) + GEAR[buf[i]]) >>> 0;
    if ((hash & mask) === 0) return i + 1;
  }
  return limit === start + maxSize ? limit : -1;
}

/** Cuts a byte stream into content-defined chunks (Buffers, `minSize`..`maxSize` bytes). */
export class ContentChunker extends Transform {
  constructor({ minSize = 256, averageBits = 10, maxSize = 4096 } = {}) {
    super({ readableObjectMode: true });
    this.minSize = minSize;
    this.maxSize = maxSize;
    this.mask = (((1 << averageBits) - 1) << (32 - averageBits)) >>> 0;
    this.pending = null; // the unfinished chunk carried over from the last write
  }

  _transform(data, _encoding, callback) {
    const buf = this.pending === null ? data : Buffer.concat([this.pending, data]);
    let start = 0;
    let end;
    while ((end = findChunkEnd(buf, start, this.minSize, this.maxSize, this.mask)) !== -1) {
      this.push(buf.subarray(start, end));
      start = end;
    }
    this.pending = start < buf.length ? buf.subarray(start) : null;
    callback();
  }

  _flush(callback) {
    if (this.pending !== null) this.push(this.pending);
    this.pending = null;
    callback();
  }
}

/** Worker: fingerprints one chunk, then waits for the (modelled) index lookup. */
export async function fingerprintChunk(chunk) {
  const digest = createHash('sha1').update(chunk).digest();
  await null; // round trip to the chunk index
  return { size: chunk.length, digest };
}

/** Fan-out stage: fingerprints chunks with up to 8 lookups in flight, results in chunk order. */
export const fingerprintChunks = mapOrdered(fingerprintChunk, { concurrency: 8, name: 'fingerprintChunks' });

/** Chunks per manifest entry. */
export const MANIFEST_ENTRY_CHUNKS = 256;

/**
 * Fan-in stage: folds fingerprints into one manifest entry per `MANIFEST_ENTRY_CHUNKS` chunks
 * (count, bytes and an order-sensitive rolling digest) and yields the entries.
 */
export async function* summarizeFingerprints(results) {
  let entry = { chunks: 0, bytes: 0, rolling: 0 };
  for await (const { size, digest } of results) {
    entry.chunks++;
    entry.bytes += size;
    entry.rolling = (Math.imul(entry.rolling, 31) + digest.readUInt32BE(0)) >>> 0;
    if (entry.chunks === MANIFEST_ENTRY_CHUNKS) {
      yield entry;
      entry = { chunks: 0, bytes: 0, rolling: 0 };
    }
  }
  if (entry.chunks > 0) yield entry;
}

/** `count` blocks of pseudo-random bytes, `minSize`..`maxSize` long, as views of one buffer. */
export function makeBlocks(count, { minSize = 2048, maxSize = 6144, seed = 1 } = {}) {
  const random = createRandom(seed);
  const sizes = Array.from({ length: count }, () => random.int(minSize, maxSize));
  const data = Buffer.allocUnsafe(sizes.reduce((a, b) => a + b, 0));
  for (let i = 0; i < data.length; i++) data[i] = (random.next() * 256) | 0;
  const chunks = [];
  let offset = 0;
  for (const size of sizes) {
    chunks.push(data.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}
