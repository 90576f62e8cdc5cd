import type { ProgressSink } from '../services/ports.js';

/**
 * Progress for a terminal: on a TTY one line rewritten in place, otherwise plain lines
 * (so CI logs stay readable). Returns the sink and a `done()` that ends the line.
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): { sink: ProgressSink; done: () => void } {
  if (!stream.isTTY) return { sink: (line) => stream.write(line + '\n'), done: () => undefined };
  let shown = false;
  return {
    sink: (line) => {
      const width = stream.columns || 100;
      stream.write('\r\x1b[2K' + line.slice(0, width - 1));
      shown = true;
    },
    done: () => {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
