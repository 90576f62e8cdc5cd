/** The weekly report's change tables: regressions and improvements found on the default branch. Pure. */
import { markdownTable } from 'markdown-table';
import type { TrendChange } from '../domain/trends/types.js';
import { formatChange, formatMetricValue, metricLabel } from './change-format.js';
import { codeSpan, escapeText, plural, truncateText } from './markdown.js';

/** Characters of a sha the weekly report shows (git's default abbreviation). */
export const TREND_SHORT_SHA = 7;

/** Longest commit subject shown in a table cell; longer ones end with `…`. */
export const MAX_SUBJECT_CHARS = 72;

/** `abc1234` in a code span. */
export function shortSha(sha: string): string {
  return codeSpan(sha.slice(0, TREND_SHORT_SHA));
}

/** The commit a change is blamed on: the culprit when known, else the first revision at the new level. */
function blamed(c: TrendChange): { sha: string; subject: string | null; author: string | null; pr: number | null } {
  if (c.culprit) return c.culprit;
  return { sha: c.at.sha, subject: c.at.subject, author: c.at.author, pr: null };
}

/** `` `abc1234` Parse lines lazily `` (subject escaped, on one line, cut at 72 characters). */
export function commitCell(sha: string, subject: string | null): string {
  const text = subject === null || subject.trim() === '' ? '' : ` ${escapeText(truncateText(subject.trim(), MAX_SUBJECT_CHARS))}`;
  return `${shortSha(sha)}${text}`;
}

/**
 * How the commit was found: `the commit itself` (nothing unrecorded lies before it),
 * `bisected: \`abc1234\``, `bisecting…`, `ambiguous`, `not reproduced`, or, while nothing
 * is known, `—` with the number of unrecorded commits that could have done it.
 */
export function culpritCell(c: TrendChange): string {
  if (c.unmeasured === 0) return 'the commit itself';
  switch (c.bisect) {
    case 'found':
      return c.culprit ? `bisected: ${shortSha(c.culprit.sha)}` : 'bisected';
    case 'pending':
      return 'bisecting…';
    case 'ambiguous':
      return 'ambiguous';
    case 'not-reproduced':
      return 'not reproduced';
    default:
      return `— (${plural(c.unmeasured, 'commit')} unmeasured)`;
  }
}

/** `✅ @login` or `no`. */
export function acknowledgedCell(login: string | null): string {
  return login === null || login.trim() === '' ? 'no' : `✅ @${escapeText(login.trim())}`;
}

/** A table of changes: benchmark, metric, before → after, change (interval), commit, author, PR, culprit, acknowledged. */
export function renderChangeTable(changes: readonly TrendChange[]): string {
  const rows = changes.map((c) => {
    const who = blamed(c);
    return [
      escapeText(c.benchmark),
      escapeText(metricLabel(c.metric)),
      `${formatMetricValue(c.before, c.unit)} → ${formatMetricValue(c.after, c.unit)}`,
      formatChange(c.change, c.ci),
      commitCell(who.sha, who.subject),
      who.author === null || who.author.trim() === '' ? '—' : escapeText(who.author),
      who.pr === null ? '—' : `#${who.pr}`,
      culpritCell(c),
      acknowledgedCell(c.acknowledgedBy),
    ];
  });
  const header = ['benchmark', 'metric', 'before → after', 'change (interval)', 'commit', 'author', 'PR', 'culprit', 'acknowledged'];
  return markdownTable([header, ...rows], { align: ['l', 'l', 'r', 'r', 'l', 'l', 'l', 'l', 'l'], alignDelimiters: false });
}

/**
 * The note under a table cut to fit GitHub's length limit: `… and 3 more regressions (…)`, or,
 * when no row is left, that they were all left out. `null` when nothing was cut.
 */
export function leftOutNote(left: number, shown: number, noun: string): string | null {
  if (left <= 0) return null;
  if (shown === 0) return `Left out to fit GitHub's length limit; \`perfbot report --json\` lists them all.`;
  return `… and ${plural(left, `more ${noun}`)} (\`perfbot report --json\` lists them all)`;
}

const TITLES = {
  regression: { title: '🔴 Regressions', noun: 'regression' },
  improvement: { title: '🟢 Improvements', noun: 'improvement' },
} as const;

/**
 * The section of one kind of change, showing the first `limit` rows and counting the rest;
 * `null` when there are none.
 */
export function renderChangeSection(kind: TrendChange['kind'], changes: readonly TrendChange[], limit = Infinity): string | null {
  if (changes.length === 0) return null;
  const { title, noun } = TITLES[kind];
  const kept = changes.slice(0, limit);
  const parts = [`### ${title} (${changes.length})`];
  if (kept.length > 0) parts.push(renderChangeTable(kept));
  const note = leftOutNote(changes.length - kept.length, kept.length, noun);
  if (note) parts.push(note);
  return parts.join('\n\n');
}

/** How to read the change tables. */
export const CHANGES_NOTE =
  '<sub>Changes are change points on the default branch whose first revision at the new level was recorded this week. ' +
  'Change = mean after ÷ mean before − 1, with its interval in parentheses; throughput down or latency up means slower. ' +
  'Culprit: the commit itself when no unrecorded commit lies before it, else what bisection found.</sub>';
