// NDJSON lines -> parse -> filter/enrich/project -> serialize. Pipeline form; strings in, so
// perfbot reports bytes/s as well as records/s.
import { ParseNdjson, SerializeNdjson, enrichOrders, makeOrderLines } from './lib/ndjson.mjs';

export default {
  name: 'ndjson-pipeline',
  setup: () => ({ lines: makeOrderLines(512, 0x5eed) }),
  message: (i, ctx) => ctx.lines[i % ctx.lines.length],
  pipeline: () => [new ParseNdjson(), enrichOrders, new SerializeNdjson()],
  options: { warmup: '1s', duration: '500ms' },
};
