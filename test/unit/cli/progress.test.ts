import { describe, expect, it } from 'vitest';
import { bar, terminalProgress } from '../../../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 60, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
}

describe('progress', () => {
  it('draws a bar of fixed width', () => {
    expect(bar(0, 10)).toBe('▕          ▏');
    expect(bar(0.5, 10)).toBe('▕█████     ▏');
    expect(bar(1, 10)).toBe('▕██████████▏');
    expect(bar(2, 4)).toBe('▕████▏');
    for (const f of [0.01, 0.33, 0.77]) expect([...bar(f, 12)]).toHaveLength(14);
  });

  it('writes plain lines when stderr is not a terminal', () => {
    const { writes, stream } = fakeStream(false);
    const p = terminalProgress(stream);
    p.sink('work: pair 1/10', { done: 0, total: 10 });
    p.done();
    expect(writes).toEqual(['work: pair 1/10\n']);
  });

  it('rewrites one line with a bar on a terminal, and clears it when done', () => {
    const { writes, stream } = fakeStream(true);
    const p = terminalProgress(stream);
    p.sink('work: pair 6/10', { done: 5, total: 10 });
    p.done();
    expect(writes[0]).toBe('\r\x1b[2K▕██████████          ▏ work: pair 6/10');
    expect(writes[1]).toBe('\r\x1b[2K');
  });
});
