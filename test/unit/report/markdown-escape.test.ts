import { describe, expect, it } from 'vitest';
import { formatChange, formatConfidence, formatDuration, formatSignedPercent } from '../../../src/report/change-format.js';
import { breakReferences, codeSpan, escapeText, oneLine, truncateText } from '../../../src/report/markdown.js';
import { mermaidText } from '../../../src/report/mermaid-chart.js';
import { renderPrComment } from '../../../src/report/pr-comment.js';
import { failedBenchmark, makeReport, newBenchmark, okBenchmark } from './compare-fixtures.js';
import { cellsOf } from './comment-parsing.js';

describe('escapeText', () => {
  it('escapes what would split a table cell or start markup, and leaves plain names readable', () => {
    expect(escapeText('a|b')).toBe('a\\|b');
    expect(escapeText('line\nbreak\r\nhere')).toBe('line break here');
    expect(escapeText('*bold* `code` [link](x) <b> ~strike~ $x$')).toBe('\\*bold\\* \\`code\\` \\[link\\](x) &lt;b&gt; \\~strike\\~ \\$x\\$');
    expect(escapeText('a\\|b')).toBe('a\\\\\\|b');
    expect(escapeText('hash_partition ndjson-parse v1.2')).toBe('hash_partition ndjson-parse v1.2');
    expect(escapeText('_private_')).toBe('\\_private\\_');
    expect(escapeText('a && b &amp; c')).toBe('a && b \\&amp; c');
  });
});

/** The zero-width space the escaper puts after `@`, `#`, `GH-`, `scheme:` and `www`. */
const Z = '\u200b';

describe('breakReferences', () => {
  it('breaks mentions, team mentions and commit references after the @', () => {
    expect(breakReferences('@alice')).toBe(`@${Z}alice`);
    expect(breakReferences('cc @org/team, thanks')).toBe(`cc @${Z}org/team, thanks`);
    expect(breakReferences('(@a1)')).toBe(`(@${Z}a1)`);
    expect(breakReferences('acme/x@1a2b3c4')).toBe(`acme/x@${Z}1a2b3c4`);
    expect(breakReferences('ada@example.com')).toBe(`ada@${Z}example.com`);
  });

  it('breaks issue references in every form GitHub links', () => {
    expect(breakReferences('fixes #12')).toBe(`fixes #${Z}12`);
    expect(breakReferences('acme/streams#7 and streams#8')).toBe(`acme/streams#${Z}7 and streams#${Z}8`);
    expect(breakReferences('GH-123 gh-4')).toBe(`GH-${Z}123 gh-${Z}4`);
  });

  it('breaks bare links (which also cross-reference issues they point at)', () => {
    expect(breakReferences('see https://github.com/o/r/issues/1')).toBe(`see https:${Z}//github.com/o/r/issues/1`);
    expect(breakReferences('www.evil.example')).toBe(`www${Z}.evil.example`);
  });

  it('leaves what GitHub does not link alone', () => {
    for (const text of ['C# and F#', '#hashtag', 'a @ b', 'issue-12', 'AGH-12', 'wwwx.y', 'std::vector', 'key: //x', '']) {
      expect(breakReferences(text)).toBe(text);
    }
  });
});

describe('escapeText against hostile text', () => {
  it('leaves no HTML, comment, link, mention, reference, cell split or line break', () => {
    const hostile = '<!-- hidden @org/team @alice #12 [link](https://evil.example) </details> <img src=x onerror=alert(1)> a|b\nnext';
    expect(escapeText(hostile)).toBe(
      `&lt;!-- hidden @${Z}org/team @${Z}alice #${Z}12 \\[link\\](https:${Z}//evil.example) &lt;/details&gt; &lt;img src=x onerror=alert(1)&gt; a\\|b next`,
    );
    expect(escapeText('a > b < c')).toBe('a &gt; b &lt; c');
    expect(escapeText('&lt;b&gt;')).toBe('\\&lt;b\\&gt;');
    expect(escapeText('![img](x) $\\color{red}{x}$')).toBe('!\\[img\\](x) \\$\\\\color{red}{x}\\$');
  });

  it('drops terminal colours, control characters and bidirectional overrides', () => {
    expect(oneLine('\u001b[31merror\u001b[0m: bad\u0007 \u202eevil\u202c\r\n  next')).toBe('error: bad evil next');
    expect(escapeText('a\u0000b\u2066c\u2069')).toBe('abc');
  });

  it('keeps ordinary names and messages as they were', () => {
    for (const text of ['ndjson-parse', 'hash_partition v1.2', 'setup() threw: no fixture', 'Ada Lovelace', 'Merge branch main', '50% faster']) {
      expect(escapeText(text)).toBe(text);
    }
  });
});

describe('mermaidText', () => {
  it('keeps a label inside its quotes, its list and its fence', () => {
    expect(mermaidText('say "hi" `now` [x]\n%%{init: {}}%% <br> #quot; @alice #1')).toBe(
      `say 'hi' 'now' (x) %{init: {}}% ‹br› #${Z}quot; @${Z}alice #${Z}1`,
    );
  });
});

describe('codeSpan', () => {
  it('keeps HTML literal (GitHub shows it as text) but breaks mentions and references all the same', () => {
    expect(codeSpan('<!-- x --> </details> @alice #12 https://e.x')).toBe(`\`<!-- x --> </details> @${Z}alice #${Z}12 https:${Z}//e.x\``);
  });

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
    expect(text).toContain('| a\\|b &lt;/details&gt; \\*x\\* \\`y\\` | throughput |');
    expect(text.split('\n').filter((l) => l.includes('</details>')).every((l) => l === '</details>')).toBe(true);
  });

  it('puts failure messages on one line in a code span, whatever they contain', () => {
    const report = makeReport([failedBenchmark(hostile, 'head', 'Error: a|b\n    at x (`file`:1)\n</details>'), newBenchmark('n|m', { throughput: 1 })]);
    const text = renderPrComment(report);
    expect(text).toContain('- a\\|b &lt;/details&gt; \\*x\\* \\`y\\`: failed at head: ``Error: a|b at x (`file`:1) </details>``');
    expect(text).toContain('- n\\|m: throughput 1.00 msg/s');
  });
});
