/**
 * Markdown escaping for text that comes from a repository under test (benchmark names, error
 * messages, refs, warnings). Pure.
 *
 * Written here rather than taken from a package: markdown-table leaves `|` alone, and the
 * rules below are the few GitHub-flavoured markdown needs for text on one line.
 */

/** Puts text on one line: every line break (with the indentation around it) or tab becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/[ ]*[\r\n\t\f\v\u2028\u2029]+[ ]*/g, ' ').trim();
}

/**
 * Shortens text to at most `max` characters, ending it with `…` when cut.
 * Never leaves half of a surrogate pair behind.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

const SPECIAL = /[\\`*_[\]<|~&]/g;
const WORD = /[\p{L}\p{N}]/u;

/**
 * Escapes plain text for markdown, in running text and in table cells alike: a `|` cannot
 * split a table cell, a line break cannot end a table row, and `*`, `_`, `` ` ``, `[`, `<`,
 * `~` and entities cannot start emphasis, code, links, HTML or strike-through. An `_` inside
 * a word (`hash_partition`) stays as it is, since it cannot start emphasis there, so the raw
 * text on a terminal stays readable.
 */
export function escapeText(text: string): string {
  return oneLine(text).replace(SPECIAL, (ch: string, at: number, all: string) => {
    if (ch === '_' && WORD.test(all[at - 1] ?? '') && WORD.test(all[at + 1] ?? '')) return ch;
    if (ch === '&' && !/^&#?\w+;/.test(all.slice(at))) return ch;
    return `\\${ch}`;
  });
}

/**
 * Wraps text in a code span on one line, with a fence longer than any run of backticks in it.
 * Not for table cells: a `|` inside a code span still splits a cell there.
 */
export function codeSpan(text: string): string {
  const flat = oneLine(text);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** `1 regression`, `3 regressions`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
