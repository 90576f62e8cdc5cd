/**
 * Pull-request comment commands (`/perfbot run`, `/perfbot bisect ...`): the parser and
 * its usage text. Pure: no I/O. Who may give a command is checked elsewhere, and so is
 * whether a benchmark or metric exists.
 */

/** A command perfbot was given in a comment; `invalid` says why and how to write it. */
export type Command =
  | { kind: 'run'; sha: string | null }
  | { kind: 'bisect'; benchmark: string; metric: string | null }
  | { kind: 'ack'; benchmark: string; reason: string | null }
  | { kind: 'help' }
  | { kind: 'invalid'; reason: string; usage: string };

/** The commands perfbot knows. */
export type CommandKind = Exclude<Command['kind'], 'invalid'>;

const USAGE_LINES: Record<CommandKind, string> = {
  run: '- `/perfbot run [sha]` — measure this pull request again: the merge-base against the head you saw when you wrote the comment (or the commit `sha` of this pull request)',
  bisect: '- `/perfbot bisect <benchmark> [metric]` — find the commit that made a benchmark slower (metric: the one that regressed by default)',
  ack: '- `/perfbot ack <benchmark> [reason]` — accept a benchmark\'s regression in this pull request, with an optional reason',
  help: '- `/perfbot help` — show these commands',
};

/** Every command with a one-line description, as a markdown list. */
export const USAGE: string = Object.values(USAGE_LINES).join('\n');

/** @returns the usage line of one command (a markdown list item). */
export function usageOf(kind: CommandKind): string {
  return USAGE_LINES[kind];
}

/** A benchmark name: one token of letters, digits and `-_./:`. */
const BENCHMARK = /^[A-Za-z0-9\-_./:]+$/;
/** `/perfbot` at the start of a line, as a word of its own; group 1 is the rest of the line. */
const ADDRESS = /^\/perfbot(?:\s+([\s\S]*))?$/i;
/** Opening or closing fence of a fenced code block: three or more backticks or tildes. */
const FENCE = /^(`{3,}|~{3,})(.*)$/;

/**
 * Finds the command a comment gives perfbot: the first line that starts with `/perfbot`
 * (after trimming; not inside a fenced code block, not quoted with `>`). Later lines that
 * address perfbot are ignored.
 * @returns the command, an `invalid` command when that line cannot be understood, or
 *   `null` when no line addresses perfbot.
 */
export function parseCommand(body: string): Command | null {
  const line = addressedLine(body);
  if (line === null) return null;
  const rest = line.trim();
  if (rest === '') return { kind: 'help' };
  const [word = '', args = ''] = splitFirst(rest);
  const name = word.toLowerCase();
  switch (name) {
    case 'help':
      // Whatever follows, someone asking for help gets it.
      return { kind: 'help' };
    case 'run':
      if (args === '') return { kind: 'run', sha: null };
      return /^[0-9a-f]{7,40}$/i.test(args) ? { kind: 'run', sha: args.toLowerCase() } : invalid('run', '/perfbot run takes at most a commit sha (7 to 40 hex digits)');
    case 'bisect':
      return parseBisect(args);
    case 'ack':
      return parseAck(args);
    default:
      return { kind: 'invalid', reason: `unknown command '${word}'`, usage: USAGE };
  }
}

function parseBisect(args: string): Command {
  const tokens = args === '' ? [] : args.split(/\s+/);
  const [benchmark, metric, ...extra] = tokens;
  if (benchmark === undefined) return invalid('bisect', '/perfbot bisect needs a benchmark name');
  if (extra.length > 0) return invalid('bisect', '/perfbot bisect takes a benchmark name and at most one metric');
  if (!BENCHMARK.test(benchmark)) return badBenchmark('bisect', benchmark);
  return { kind: 'bisect', benchmark, metric: metric ?? null };
}

function parseAck(args: string): Command {
  if (args === '') return invalid('ack', '/perfbot ack needs a benchmark name');
  const [benchmark = '', reason = ''] = splitFirst(args);
  if (!BENCHMARK.test(benchmark)) return badBenchmark('ack', benchmark);
  return { kind: 'ack', benchmark, reason: reason === '' ? null : reason };
}

function invalid(kind: CommandKind, reason: string): Command {
  return { kind: 'invalid', reason, usage: usageOf(kind) };
}

function badBenchmark(kind: CommandKind, name: string): Command {
  return invalid(kind, `'${name}' is not a benchmark name (letters, digits and - _ . / : only)`);
}

/** Splits trimmed text into its first word and the trimmed rest ('' when none). */
function splitFirst(text: string): [string, string] {
  const match = /^(\S+)\s*(.*)$/s.exec(text);
  return match ? [match[1] ?? '', (match[2] ?? '').trim()] : ['', ''];
}

/**
 * @returns what follows `/perfbot` on the first line addressing perfbot (untrimmed, '' when
 *   nothing), or `null` when no line does.
 */
function addressedLine(body: string): string | null {
  let fence: { char: string; length: number } | null = null;
  for (const raw of body.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    const marker = FENCE.exec(line);
    if (fence) {
      // A closing fence: the same character, at least as long, and nothing after it.
      if (marker?.[1]?.[0] === fence.char && marker[1].length >= fence.length && marker[2]?.trim() === '') fence = null;
      continue;
    }
    if (line.startsWith('>')) continue;
    if (marker?.[1]) {
      // A backtick fence's info string may not contain a backtick (else it is inline code).
      if (marker[1][0] === '`' && marker[2]?.includes('`')) continue;
      fence = { char: marker[1][0] ?? '`', length: marker[1].length };
      continue;
    }
    const address = ADDRESS.exec(line);
    if (address) return address[1] ?? '';
  }
  return null;
}
