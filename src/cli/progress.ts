import type { ProgressSink } from '../services/ports.js';

/**
 * Progress for a terminal: on a TTY one line rewritten in place, otherwise plain lines
 * (so CI logs stay readable). Returns the sink and a `done()` that ends the line.
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): { sink: ProgressSink; done: () => void } {
  if (!stream.isTTY) return { sink: (line) => stream.write(line + '\n'), done: () => undefined };
  let shown = false;
  return {
    sink: (line, step) => {
      const width = stream.columns || 100;
      const text = step ? `${bar(step.done / Math.max(1, step.total), 20)} ${line}` : line;
      stream.write('\r\x1b[2K' + text.slice(0, width - 1));
      shown = true;
    },
    done: () => {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}

/** A bar of `width` cells, filled to `fraction`, e.g. `▕█████▍    ▏`. */
export function bar(fraction: number, width: number): string {
  const cells = Math.max(0, Math.min(1, fraction)) * width;
  const full = Math.floor(cells);
  const partial = ' ▏▎▍▌▋▊▉'[Math.floor((cells - full) * 8)] ?? '';
  return '▕' + '█'.repeat(full) + (full < width ? partial : '') + ' '.repeat(Math.max(0, width - full - 1)) + '▏';
}
