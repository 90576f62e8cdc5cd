import { describe, expect, it } from 'vitest';
import { formatChange, formatConfidence, formatDuration, formatSignedPercent } from '../../../src/report/change-format.js';
import { codeSpan, escapeText, truncateText } from '../../../src/report/markdown.js';
import { renderPrComment } from '../../../src/report/pr-comment.js';
import { failedBenchmark, makeReport, newBenchmark, okBenchmark } from './compare-fixtures.js';
import { cellsOf } from './comment-parsing.js';

describe('escapeText', () => {
  it('escapes what would split a table cell or start markup, and leaves plain names readable', () => {
    expect(escapeText('a|b')).toBe('a\\|b');
    expect(escapeText('line\nbreak\r\nhere')).toBe('line break here');
    expect(escapeText('*bold* `code` [link](x) <b> ~strike~')).toBe('\\*bold\\* \\`code\\` \\[link\\](x) \\<b> \\~strike\\~');
    expect(escapeText('a\\|b')).toBe('a\\\\\\|b');
    expect(escapeText('hash_partition ndjson-parse v1.2')).toBe('hash_partition ndjson-parse v1.2');
    expect(escapeText('_private_')).toBe('\\_private\\_');
    expect(escapeText('a && b &amp; c')).toBe('a && b \\&amp; c');
  });
});

describe('codeSpan', () => {
  it('fences text containing backticks and keeps it on one line', () => {
    expect(codeSpan('plain')).toBe('`plain`');
    expect(codeSpan('run `npm ci`\nfirst')).toBe('``run `npm ci` first``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
  });
});

describe('truncateText', () => {
  it('cuts with an ellipsis without splitting a surrogate pair', () => {
    expect(truncateText('abcdef', 4)).toBe('abc…');
    expect(truncateText('ab😀cd', 4)).toBe('ab…');
    expect(truncateText('abc', 3)).toBe('abc');
  });
});

describe('change formatting', () => {
  it('signs changes with a real minus and one decimal', () => {
    expect(formatSignedPercent(-0.061)).toBe('−6.1%');
    expect(formatSignedPercent(0.02)).toBe('+2.0%');
    expect(formatSignedPercent(-0.0004)).toBe('0.0%');
    expect(formatChange(-0.061, [-0.074, -0.049])).toBe('−6.1% (−7.4% … −4.9%)');
    expect(formatChange(0.1, null)).toBe('+10.0% (interval n/a)');
    expect(formatChange(null, [0, 1])).toBe('—');
  });

  it('formats durations and confidence levels', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4_200)).toBe('4.2 s');
    expect(formatDuration(252_400)).toBe('4 min 12 s');
    expect(formatDuration(3_780_000)).toBe('1 h 3 min');
    expect(formatConfidence(0.01)).toBe('99%');
    expect(formatConfidence(0.05)).toBe('95%');
    expect(formatConfidence(0.001)).toBe('99.9%');
  });
});

describe('renderPrComment escaping', () => {
  const hostile = 'a|b\n</details> *x* `y`';

  it('keeps every table row at its column count whatever the benchmark is called', () => {
    const report = makeReport([
      okBenchmark(hostile, { throughput: { change: -0.1, verdict: 'regression' } }, { bottleneck: { base: { stage: 'p|q', share: 0.5 }, head: { stage: 's\nt', share: 0.6 } } }),
      okBenchmark('a\\|b'),
    ]);
    const text = renderPrComment(report);
    const rows = text.split('\n').filter((l) => l.startsWith('|'));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect([6, 7]).toContain(cellsOf(row).length);
    expect(text).toContain('| a\\|b \\</details> \\*x\\* \\`y\\` | throughput |');
    expect(text.split('\n').filter((l) => l.includes('</details>') && !l.startsWith('</details>')).every((l) => l.includes('\\</details>'))).toBe(true);
  });

  it('puts failure messages on one line in a code span, whatever they contain', () => {
    const report = makeReport([failedBenchmark(hostile, 'head', 'Error: a|b\n    at x (`file`:1)\n</details>'), newBenchmark('n|m', { throughput: 1 })]);
    const text = renderPrComment(report);
    expect(text).toContain('- a\\|b \\</details> \\*x\\* \\`y\\`: failed at head: ``Error: a|b at x (`file`:1) </details>``');
    expect(text).toContain('- n\\|m: throughput 1.00 msg/s');
  });
});
