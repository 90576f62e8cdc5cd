/** Reading a rendered PR comment back, for tests: its verdict line, sections and table cells. */

/** The verdict line: the first non-empty line after the headline. */
export function verdictLineOf(text: string): string {
  const lines = text.split('\n');
  return lines.slice(2).find((l) => l.trim() !== '') ?? '';
}

/** The number `N` in `N <noun>` on a line, or 0 when absent. */
export function countOf(line: string, noun: RegExp): number {
  const match = new RegExp(`(\\d+) ${noun.source}`).exec(line);
  return match ? Number(match[1]) : 0;
}

/**
 * The body rows of the table under a section title (`🔴 Regressions`), up to the next section;
 * `null` when the section is not there.
 */
export function sectionRows(text: string, title: string): string[] | null {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`### ${title} (`) || l.startsWith(`<details><summary>${title} (`));
  if (start < 0) return null;
  const rows: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('### ') || line.startsWith('<details>') || line.startsWith('</details>') || line === '---') break;
    if (line.startsWith('|')) rows.push(line);
  }
  return rows.slice(2); // header and delimiter rows
}

/** Splits a GFM table row into cells the way GitHub does: `\|` does not split, `\\` is one character. */
export function cellsOf(row: string): string[] {
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < row.length; i++) {
    const ch = row[i]!;
    if (ch === '\\' && i + 1 < row.length) {
      current += ch + row[i + 1]!;
      i += 1;
    } else if (ch === '|') {
      cells.push(current.trim());
      current = '';
    } else current += ch;
  }
  cells.push(current.trim());
  return cells.slice(1, -1); // outside the leading and trailing pipes
}
