/**
 * Repository text (commit subjects, authors, benchmark names, failure reasons, step notes) that
 * tries to hide content, ping people, link issues, inject links or HTML, or break a table, in
 * every report that reaches GitHub: the snapshots show it inert, the assertions prove it.
 */
import { describe, expect, it } from 'vitest';
import type { BisectReport } from '../../../src/domain/bisect/types.js';
import { renderBisectNote } from '../../../src/report/bisect-note.js';
import { renderPrComment } from '../../../src/report/pr-comment.js';
import { renderTrendReport } from '../../../src/report/trend-report.js';
import { cellsOf } from './comment-parsing.js';
import { failedBenchmark, makeReport, okBenchmark } from './compare-fixtures.js';
import { change, makeTrendReport, series, shaOf, stepValues } from './trend-fixtures.js';

/** Everything at once: a hidden comment, mentions, a reference, a link, HTML, a pipe, a newline. */
const HOSTILE = 'Fix <!-- hidden @org/team @alice #12 [link](https://evil.example) </details> <img src=x onerror=alert(1)> a|b\nsecond line';
/** The same in two halves short enough for a trend table's 72-character subject. */
const FIRST_HALF = '<!-- hidden @org/team @alice #12 [link](https://evil.example)';
const SECOND_HALF = '</details> <img src=x onerror=alert(1)> a|b\nsecond line';

/**
 * The markdown without its code spans and fenced blocks: what GitHub parses as markdown and
 * HTML. (A code span's content is literal text: GitHub shows HTML in it as text and links no
 * mention or reference in it.) Backslash escapes are kept, so `\`` opens no span.
 */
function outsideCode(markdown: string): string {
  const withoutFences = markdown.replace(/^```[a-z]*\n[\s\S]*?\n```$/gm, '');
  let out = '';
  for (let i = 0; i < withoutFences.length; i++) {
    const ch = withoutFences[i]!;
    if (ch === '\\') {
      out += withoutFences.slice(i, i + 2);
      i += 1;
      continue;
    }
    if (ch !== '`') {
      out += ch;
      continue;
    }
    const run = /^`+/.exec(withoutFences.slice(i))![0];
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
    close.lastIndex = i + run.length;
    const end = close.exec(withoutFences);
    const line = withoutFences.indexOf('\n', i);
    if (end && (line < 0 || end.index < line)) {
      i = end.index + run.length - 1;
    } else {
      out += run;
      i += run.length - 1;
    }
  }
  return out;
}

/** The assertions every hostile rendering must pass; `ownDetails`: how many `<details>` perfbot itself opens. */
function expectInert(markdown: string, ownDetails: number): void {
  // What GitHub parses as markdown and HTML, less perfbot's own hidden marker on the first line.
  const parsed = outsideCode(markdown).replace(/^<!-- perfbot:\w+[^>]*-->\n/, '');
  // No hidden comment (code spans show theirs as text).
  expect(parsed).not.toContain('<!--');
  // Nobody is mentioned, no team, no issue: in code spans neither (a notification's plain text has none).
  expect(markdown).not.toMatch(/@(?:org|alice)/);
  expect(markdown).not.toContain('#12');
  // No link syntax, no bare link to the evil host.
  expect(parsed).not.toMatch(/(?<!\\)\]\(/);
  expect(markdown).not.toContain('https://evil');
  // No HTML from the text: no tag, and `</details>` only as perfbot's own closing lines.
  expect(parsed).not.toContain('<img');
  expect(parsed).not.toMatch(/<(?!\/?(?:details|summary|sub)>)[a-z!/]/i);
  expect(parsed.split('\n').filter((l) => l.includes('</details>'))).toEqual(Array(ownDetails).fill('</details>'));
  expect(parsed.match(/<details>/g) ?? []).toHaveLength(ownDetails);
  // The newline did not escape its line.
  expect(markdown.split('\n').filter((l) => l.startsWith('second line'))).toEqual([]);
}

/** Every table row of the text has the same number of cells as its table's header. */
function expectTablesIntact(markdown: string): void {
  let width: number | null = null;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      width = null;
      continue;
    }
    const cells = cellsOf(line).length;
    if (width === null) width = cells;
    else expect(cells, line).toBe(width);
  }
}

function hostileBisect(): BisectReport {
  const culprit = shaOf('hostile-culprit');
  const skipped = shaOf('hostile-skip');
  return {
    result: {
      status: 'found',
      culprits: [{ sha: culprit, change: -0.142, ci: [-0.171, -0.118] }],
      candidates: [],
      steps: [
        { sha: skipped, verdict: 'skip', trials: 0, note: 'install failed: npm ERR! <!-- x --> @alice #12 </details>' },
        { sha: culprit, verdict: 'bad', trials: 12, note: null },
      ],
      confirmed: { sha: culprit, change: -0.15, ci: [-0.18, -0.12] },
      trials: 36,
      reused: 0,
      rounds: 3,
      reason: 'the regression sits at one commit',
    },
    merged: null,
    benchmark: 'ndjson-parse',
    metric: 'throughput',
    good: shaOf('hostile-good'),
    bad: shaOf('hostile-bad'),
    commits: 9,
    info: new Map([[culprit, { subject: HOSTILE, author: '@alice <a@evil.example>' }]]),
  };
}

function hostileTrendReport() {
  return makeTrendReport({
    changes: [
      change({
        benchmark: 'ndjson-parse',
        metric: 'throughput',
        kind: 'regression',
        before: 120_000,
        after: 100_000,
        at: 23,
        unmeasured: 3,
        bisect: 'found',
        culprit: { sha: shaOf('hostile-1'), subject: FIRST_HALF, author: '@alice', pr: 77 },
      }),
      change({
        benchmark: 'csv-split',
        metric: 'throughput',
        kind: 'regression',
        before: 2_000_000,
        after: 1_800_000,
        at: 24,
        unmeasured: 0,
        culprit: { sha: shaOf('hostile-2'), subject: SECOND_HALF, author: 'Eve | <b>Mallory</b>', pr: null },
      }),
    ],
    movers: [series(HOSTILE, 'throughput', stepValues(30, 120_000, 100_000, 23))],
    failed: [{ benchmark: HOSTILE, sha: shaOf('rev-29'), reason: HOSTILE }],
  });
}

function hostilePrComment() {
  return makeReport(
    [
      okBenchmark(HOSTILE, { throughput: { change: -0.1, verdict: 'regression' } }, { bottleneck: { base: { stage: '@alice #12', share: 0.4 }, head: { stage: '<!-- s -->', share: 0.6 } } }),
      failedBenchmark(`csv ${FIRST_HALF}`, 'head', `Error: ${HOSTILE}\n    at run (bench.mjs:1)`),
    ],
    {
      head: { sha: 'f'.repeat(40), ref: 'evil/@alice#12', subject: HOSTILE },
      warnings: [`config: ${HOSTILE}`],
    },
  );
}

describe('hostile repository text', () => {
  it('renders inert in a bisect culprit note', async () => {
    const note = renderBisectNote(hostileBisect());
    await expect(note).toMatchFileSnapshot('__snapshots__/hostile-bisect-note.md');
    expectInert(note, 0);
    expectTablesIntact(note);
    expect(note.split('\n')[0]).toContain('Fix &lt;!-- hidden @\u200borg/team @\u200balice #\u200b12 \\[link\\](https:\u200b//evil.example) &lt;/details&gt;');
  });

  it('renders inert in the weekly report: regression table, mover chart, failed benchmarks', async () => {
    const { body } = renderTrendReport(hostileTrendReport());
    await expect(body).toMatchFileSnapshot('__snapshots__/hostile-trend-report.md');
    expectInert(body, 0);
    expectTablesIntact(body);
    const rows = body.split('\n').filter((l) => l.startsWith('| ndjson-parse') || l.startsWith('| csv-split'));
    expect(rows).toHaveLength(2);
    expect(cellsOf(rows[0]!)[4]).toContain('&lt;!-- hidden @\u200borg/team @\u200balice #\u200b12 \\[link\\](https:\u200b//evil.example)');
    expect(cellsOf(rows[1]!)[4]).toContain('&lt;/details&gt; &lt;img src=x onerror=alert(1)&gt; a\\|b second line');
    expect(cellsOf(rows[1]!)[5]).toBe('Eve \\| &lt;b&gt;Mallory&lt;/b&gt;');
    // The chart's title is a quoted mermaid string: no quote, bracket, comment or HTML of the name.
    const title = body.split('\n').find((l) => l.startsWith('  title '))!;
    expect(title).toMatch(/^ {2}title "[^"[\]<>`]*"$/);
    expect(title).not.toContain('%%');
  });

  it('renders inert in the PR comment: benchmark names, failure reasons, refs and warnings', async () => {
    const comment = renderPrComment(hostilePrComment());
    await expect(comment).toMatchFileSnapshot('__snapshots__/hostile-pr-comment.md');
    // perfbot's own collapsed sections are still there, and nothing else opens or closes one.
    expect(comment).toContain('<details><summary>⚪ Unchanged (3)</summary>');
    expect(comment).toContain('<details><summary>Latency and resources per benchmark (base → head)</summary>');
    expectInert(comment, 2);
    expectTablesIntact(comment);
    // The failure reason stays verbatim in a code span (literal on GitHub), on one line.
    expect(comment).toContain('`Error: Fix <!-- hidden @\u200borg/team @\u200balice #\u200b12 [link](https:\u200b//evil.example) </details> <img src=x onerror=alert(1)> a|b second line at run (bench.mjs:1)`');
  });
});
