import { describe, expect, it } from 'vitest';
import { parseCommand, USAGE, usageOf } from '../../../src/domain/commands.js';

describe('parseCommand', () => {
  it('reads a bare /perfbot as help', () => {
    expect(parseCommand('/perfbot')).toEqual({ kind: 'help' });
  });

  it('reads /perfbot help', () => {
    expect(parseCommand('/perfbot help')).toEqual({ kind: 'help' });
  });

  it('reads /perfbot run', () => {
    expect(parseCommand('/perfbot run')).toEqual({ kind: 'run', sha: null });
  });

  it('rejects /perfbot run with anything but a sha, and reads a sha', () => {
    expect(parseCommand('/perfbot run now please')).toEqual({ kind: 'invalid', reason: '/perfbot run takes at most a commit sha (7 to 40 hex digits)', usage: usageOf('run') });
    expect(parseCommand('/perfbot run EC26C3E57CA3')).toEqual({ kind: 'run', sha: 'ec26c3e57ca3' });
  });

  it('reads /perfbot bisect with a metric', () => {
    expect(parseCommand('/perfbot bisect benchmarks/ndjson.bench.mjs latency.p99')).toEqual({
      kind: 'bisect',
      benchmark: 'benchmarks/ndjson.bench.mjs',
      metric: 'latency.p99',
    });
  });

  it('reads /perfbot bisect without a metric', () => {
    expect(parseCommand('/perfbot bisect ndjson-parse')).toEqual({ kind: 'bisect', benchmark: 'ndjson-parse', metric: null });
  });

  it('rejects /perfbot bisect without a benchmark', () => {
    expect(parseCommand('/perfbot bisect')).toEqual({ kind: 'invalid', reason: '/perfbot bisect needs a benchmark name', usage: usageOf('bisect') });
  });

  it('rejects /perfbot bisect with more than two arguments', () => {
    const command = parseCommand('/perfbot bisect ndjson-parse throughput latency.p99');
    expect(command).toEqual({ kind: 'invalid', reason: '/perfbot bisect takes a benchmark name and at most one metric', usage: usageOf('bisect') });
  });

  it('rejects a benchmark name with characters outside -_./:', () => {
    const command = parseCommand('/perfbot bisect nd$json');
    expect(command).toMatchObject({ kind: 'invalid', usage: usageOf('bisect') });
    expect(command?.kind === 'invalid' && command.reason).toContain("'nd$json' is not a benchmark name");
  });

  it('reads /perfbot ack with a reason of several words', () => {
    expect(parseCommand('/perfbot ack ndjson-parse   the new validation is worth 4%  ')).toEqual({
      kind: 'ack',
      benchmark: 'ndjson-parse',
      reason: 'the new validation is worth 4%',
    });
  });

  it('reads /perfbot ack without a reason', () => {
    expect(parseCommand('/perfbot ack csv:split')).toEqual({ kind: 'ack', benchmark: 'csv:split', reason: null });
  });

  it('rejects /perfbot ack without a benchmark', () => {
    expect(parseCommand('/perfbot ack   ')).toEqual({ kind: 'invalid', reason: '/perfbot ack needs a benchmark name', usage: usageOf('ack') });
  });

  it('rejects an unknown subcommand with the whole usage', () => {
    expect(parseCommand('/perfbot deploy prod')).toEqual({ kind: 'invalid', reason: "unknown command 'deploy'", usage: USAGE });
  });

  it('does not take /perfbotx for a command', () => {
    expect(parseCommand('/perfbotx run')).toBeNull();
    expect(parseCommand('/perfbot: run')).toBeNull();
  });

  it('returns null when no line addresses perfbot', () => {
    expect(parseCommand('')).toBeNull();
    expect(parseCommand('LGTM, but please run `/perfbot run` later')).toBeNull();
  });

  it('ignores commands inside a fenced code block', () => {
    expect(parseCommand('Try this:\n```\n/perfbot run\n```\n')).toBeNull();
    expect(parseCommand('```text\n/perfbot run\n```\n/perfbot bisect ndjson')).toEqual({ kind: 'bisect', benchmark: 'ndjson', metric: null });
    // A fence closes only with the same character and at least the same length.
    expect(parseCommand('````\n```\n/perfbot run\n~~~\n````\n/perfbot help')).toEqual({ kind: 'help' });
    // An unclosed fence runs to the end of the comment.
    expect(parseCommand('~~~\n/perfbot run')).toBeNull();
  });

  it('ignores quoted commands', () => {
    expect(parseCommand('> /perfbot run')).toBeNull();
    expect(parseCommand('>/perfbot run\n\nDone.')).toBeNull();
    expect(parseCommand('> /perfbot run\n/perfbot help')).toEqual({ kind: 'help' });
  });

  it('finds a command on the second line', () => {
    expect(parseCommand('Thanks for the fix!\n/perfbot run')).toEqual({ kind: 'run', sha: null });
  });

  it('handles CRLF line endings', () => {
    expect(parseCommand('Hi\r\n/perfbot ack ndjson flaky runner\r\nthanks\r\n')).toEqual({ kind: 'ack', benchmark: 'ndjson', reason: 'flaky runner' });
    expect(parseCommand('```\r\n/perfbot run\r\n```\r\n')).toBeNull();
  });

  it('allows leading and trailing whitespace on the line', () => {
    expect(parseCommand('   \t/perfbot   run  ')).toEqual({ kind: 'run', sha: null });
  });

  it('is case-insensitive for perfbot and the subcommand, not for the benchmark', () => {
    expect(parseCommand('/PERFBOT RUN')).toEqual({ kind: 'run', sha: null });
    expect(parseCommand('/PerfBot Bisect NdJson Throughput')).toEqual({ kind: 'bisect', benchmark: 'NdJson', metric: 'Throughput' });
  });

  it('counts only the first command', () => {
    expect(parseCommand('/perfbot run\n/perfbot bisect ndjson')).toEqual({ kind: 'run', sha: null });
    // Even an invalid first command wins: the author meant that one.
    expect(parseCommand('/perfbot rnu\n/perfbot run')).toMatchObject({ kind: 'invalid', reason: "unknown command 'rnu'" });
  });
});

describe('USAGE', () => {
  it('lists the four commands, one markdown list item each', () => {
    const lines = USAGE.split('\n');
    expect(lines).toHaveLength(4);
    for (const kind of ['run', 'bisect', 'ack', 'help'] as const) expect(lines).toContain(usageOf(kind));
    expect(usageOf('bisect')).toMatch(/^- `\/perfbot bisect <benchmark> \[metric\]` — /);
  });
});
