// Fan-out/fan-in: a byte stream is cut into content-defined chunks, the chunks are fingerprinted
// by an ordered parallel map (at most 8 async workers in flight, results in input order), and
// the fingerprints are folded into manifest entries. Pipeline form; Buffer messages (bytes/s).
import { ContentChunker, fingerprintChunks, makeBlocks, summarizeFingerprints } from './lib/chunk-store.mjs';

export default {
  name: 'worker-pool',
  setup: () => ({ blocks: makeBlocks(64, { seed: 5 }) }),
  message: (i, ctx) => ctx.blocks[i % ctx.blocks.length],
  // The generator stages are stateless functions; only the chunker holds state, so it is new per run.
  pipeline: () => [new ContentChunker({ minSize: 256, averageBits: 10, maxSize: 4096 }), fingerprintChunks, summarizeFingerprints],
  options: { warmup: '1s', duration: '500ms' },
};
