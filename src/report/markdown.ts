/**
 * The one escaper for text that perfbot puts on GitHub (comments, check runs, issues) but does
 * not control: commit subjects, author names, benchmark and stage names, refs, failure reasons,
 * config errors, warnings. Everything a repository controls is hostile (design §9). Pure.
 *
 * Written here rather than taken from a package: markdown-table leaves `|` alone, and no package
 * knows GitHub's own autolinks (mentions, issue references). The rules:
 *
 * - One line, no control characters: line breaks and tabs become a space; ANSI colour codes
 *   (build logs), other C0/C1 controls and bidirectional overrides (which can make text read
 *   backwards) are dropped.
 * - Markdown: `\`, `` ` ``, `*`, `_` (not inside a word), `[`, `]`, `|`, `~`, `$` and `&` before
 *   an entity are backslash-escaped, so nothing starts emphasis, code, a link or image, a table
 *   cell, strike-through, math or an entity.
 * - HTML: `<` and `>` become `&lt;` and `&gt;`, so no tag, comment (`<!--`), `</details>` or
 *   `<https://…>` autolink can start, whatever parser reads the text.
 * - GitHub references: a zero-width space (U+200B) goes after `@` before a letter or digit
 *   (`@alice`, `@org/team`, `owner/repo@sha`), after `#` before a digit (`#12`,
 *   `owner/repo#12`), after `GH-` before a digit, after the `:` of `scheme://` and after
 *   `www` before `.` (bare URLs, which also make cross-references when they point at issues).
 *   GitHub shows the text as it was, but links and notifies no one: its mention and reference
 *   filters run on the rendered HTML's text, where `&#64;` or `\@` have already turned back
 *   into `@` and would still notify; U+200B stays, and a login cannot start with it. The same
 *   trick as Dependabot's and Renovate's.
 */

/** Zero-width space: invisible, and not part of a login, number or URL scheme. */
const ZWSP = '\u200b';

const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g;
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Puts text on one line: every line break (with the indentation around it) or tab becomes one
 * space; ANSI escape sequences, other control characters and bidirectional controls are dropped.
 */
export function oneLine(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(/[ ]*[\r\n\t\f\v\u0085\u2028\u2029]+[ ]*/g, ' ')
    .replace(CONTROLS, '')
    .trim();
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

/** `@login`, `#12`, `GH-12`, `scheme://`, `www.`: what GitHub would turn into a mention, reference or link. */
const REFERENCE = /@(?=[\p{L}\p{N}])|#(?=\p{N})|\bGH-(?=\p{N})|(?<=[a-z0-9+.-]):(?=\/\/)|\bwww(?=\.)/giu;

/**
 * Breaks what GitHub would turn into a mention, an issue or commit reference or a link, by a
 * zero-width space after `@`, `#`, `GH-`, `scheme:` or `www` (see the module comment). The text
 * reads the same; nothing else changes. {@link escapeText} and {@link codeSpan} apply it.
 */
export function breakReferences(text: string): string {
  return text.replace(REFERENCE, (found) => `${found}${ZWSP}`);
}

const SPECIAL = /[\\`*_[\]|~$&<>]/g;
const WORD = /[\p{L}\p{N}]/u;

/**
 * Escapes plain text for GitHub markdown, in running text and in table cells alike (rules in
 * the module comment): a `|` cannot split a table cell, a line break cannot end a table row,
 * no markup, HTML or link can start, and no mention or reference is made. An `_` inside a word
 * (`hash_partition`) stays as it is, since it cannot start emphasis there, so the raw text on
 * a terminal stays readable. Apply it once, to the raw text (truncate before, not after).
 */
export function escapeText(text: string): string {
  const escaped = oneLine(text).replace(SPECIAL, (ch: string, at: number, all: string) => {
    if (ch === '<') return '&lt;';
    if (ch === '>') return '&gt;';
    if (ch === '_' && WORD.test(all[at - 1] ?? '') && WORD.test(all[at + 1] ?? '')) return ch;
    if (ch === '&' && !/^&#?\w+;/.test(all.slice(at))) return ch;
    return `\\${ch}`;
  });
  return breakReferences(escaped);
}

/**
 * Wraps text in a code span on one line, with a fence longer than any run of backticks in it.
 * GitHub shows a code span's content literally: HTML in it is text, and it links no mention or
 * reference; mentions and references are broken all the same (as by {@link escapeText}), since
 * a notification email's plain text, or a quote of it, has no code span.
 * Not for table cells: a `|` inside a code span still splits a cell there.
 */
export function codeSpan(text: string): string {
  const flat = breakReferences(oneLine(text));
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** `1 regression`, `3 regressions`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
