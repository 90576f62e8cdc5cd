import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COMMANDS, HELP, parseCommandLine } from '../../../src/cli/args.js';
import { main, reportInternalError } from '../../../src/cli.js';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** An output stream that fails the way a closed terminal or pipe does, throwing from write(). */
function brokenOutput(): NodeJS.WritableStream {
  const stream = new Writable({ write: (_chunk, _encoding, done) => done() });
  stream.write = () => {
    throw Object.assign(new Error('write EPIPE\n    (the reader went away)'), { code: 'EPIPE' });
  };
  return stream;
}

describe('main', () => {
  it('turns an exception from a dependency it was given into exit 4 and one line', async () => {
    const err = capture();
    await expect(main(['help'], brokenOutput(), err.stream)).resolves.toBe(4);
    expect(err.text()).toBe('perfbot: internal error: write EPIPE; rerun with --debug for the stack\n');
  });

  it('adds the stack with --debug', async () => {
    const err = capture();
    await expect(main(['bench', '--debug', '--help'], brokenOutput(), err.stream)).resolves.toBe(4);
    const lines = err.text().trimEnd().split('\n');
    expect(lines[0]).toBe('perfbot: internal error: write EPIPE; rerun with --debug for the stack');
    expect(lines[1]).toBe('Error: write EPIPE');
    expect(lines.some((l) => /^\s+at .*errors\.test\.ts/.test(l))).toBe(true);
  });

  it('keeps bad usage at exit 2', async () => {
    const err = capture();
    await expect(main(['bench', '--turbo', '--debug'], capture().stream, err.stream)).resolves.toBe(2);
    expect(err.text()).toBe("perfbot: bench: Unknown option '--turbo'\n");
  });
});

describe('reportInternalError', () => {
  it('names a thrown non-Error by its text, and prints causes with --debug', () => {
    const plain = capture();
    expect(reportInternalError('1e+308 would overflow integer count', { debug: false, err: plain.stream })).toBe(4);
    expect(plain.text()).toBe('perfbot: internal error: 1e+308 would overflow integer count; rerun with --debug for the stack\n');

    const chained = capture();
    reportInternalError(new Error('job failed', { cause: new TypeError('x is undefined') }), { debug: true, err: chained.stream });
    expect(chained.text().split('\n')[0]).toBe('perfbot: internal error: job failed; rerun with --debug for the stack');
    expect(chained.text()).toMatch(/^caused by: TypeError: x is undefined$/m);
  });

  it('uses the error name when the message is empty', () => {
    const err = capture();
    reportInternalError(new RangeError(''), { debug: false, err: err.stream });
    expect(err.text()).toBe('perfbot: internal error: RangeError; rerun with --debug for the stack\n');
  });
});

describe('--debug', () => {
  it('is accepted by every command and listed in the help with exit 4', () => {
    for (const command of COMMANDS.filter((c) => c !== 'help')) expect(parseCommandLine([command, '--debug']).values.debug).toBe(true);
    expect(HELP).toMatch(/--debug/);
    expect(HELP).toMatch(/4 internal error/);
  });
});
