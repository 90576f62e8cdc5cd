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
 * Scans `buf` from `from` for the end of the current chunk. `state` carries the chunk across
 * writes: `size` bytes seen so far and the gear `hash`. No cut is made before `minSize` bytes
 * (those are skipped, not hashed); after that the chunk ends where the hash has all `mask` bits
 * clear, or at `maxSize`. Returns the index just past the cut (and resets `state`), or -1 when
 * `buf` ends first (the chunk continues in the next write).
 */
export function findChunkEnd(buf, from, state, minSize, maxSize, mask) {
  let { size, hash } = state;
  let i = from;
  if (size < minSize) {
    const skip = Math.min(minSize - size, buf.length - i);
    i += skip;
    size += skip;
  }
  for (; i < buf.length; i++) {
    hash = ((hash << 1) + GEAR[buf[i]]) >>> 0;
    size++;
    if ((hash & mask) === 0 || size >= maxSize) {
      state.size = 0;
      state.hash = 0;
      return i + 1;
    }
  }
  state.size = size;
  state.hash = hash;
  return -1;
}

/**
 * Cuts a byte stream into content-defined chunks (Buffers of `minSize`..`maxSize` bytes).
 * Chunks inside one write are views of it; only a chunk that spans writes is copied.
 */
export class ContentChunker extends Transform {
  constructor({ minSize = 256, averageBits = 10, maxSize = 4096 } = {}) {
    super({ readableObjectMode: true });
    this.minSize = minSize;
    this.maxSize = maxSize;
    // The high bits of the gear hash depend on the last 32 bytes; the low bits on only a few.
    this.mask = (((1 << averageBits) - 1) << (32 - averageBits)) >>> 0;
    this.state = { size: 0, hash: 0 };
    this.carry = []; // pieces of the unfinished chunk from earlier writes
  }

  _transform(data, _encoding, callback) {
    let start = 0;
    let end;
    while ((end = findChunkEnd(data, start, this.state, this.minSize, this.maxSize, this.mask)) !== -1) {
      this.push(this.#completeChunk(data.subarray(start, end)));
      start = end;
    }
    if (start < data.length) this.carry.push(data.subarray(start));
    callback();
  }

  _flush(callback) {
    if (this.carry.length > 0) this.push(this.#completeChunk(null));
    callback();
  }

  /** The chunk made of the carried pieces plus `last` (if any). */
  #completeChunk(last) {
    if (this.carry.length === 0) return last;
    const pieces = last === null ? this.carry : [...this.carry, last];
    this.carry = [];
    return Buffer.concat(pieces);
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
