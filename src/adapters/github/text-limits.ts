/** GitHub's length limits, in UTF-16 code units (JavaScript's `length`; never fewer than GitHub counts). */
export const LIMITS = {
  checkTitle: 255,
  checkSummary: 65_535,
  commentBody: 65_536,
  actionLabel: 20,
  actionDescription: 40,
  actionIdentifier: 20,
  actions: 3,
} as const;

/** Appended where markdown was cut. */
export const TRUNCATION_NOTE = '\n\n… (truncated)';

/**
 * Shortens markdown to at most `limit` code units: cuts after the last whole line that fits with
 * the note, then appends `TRUNCATION_NOTE`. A text that already fits is returned as is.
 */
export function truncateMarkdown(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const room = limit - TRUNCATION_NOTE.length;
  const lineEnd = text.lastIndexOf('\n', room);
  // One line longer than the whole budget: cut inside it rather than send nothing.
  const cut = lineEnd > 0 ? lineEnd : safeCut(text, room);
  return text.slice(0, cut) + TRUNCATION_NOTE;
}

/** Shortens one line to at most `limit` code units, ending in `…` when cut. */
export function truncateLine(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, safeCut(text, limit - 1))}…`;
}

/** `end`, moved back by one when it would split a surrogate pair. */
function safeCut(text: string, end: number): number {
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}
