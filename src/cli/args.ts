import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad usage: unknown command or option, a missing or malformed value. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const COMMANDS = ['bench', 'compare', 'bisect', 'record', 'report', 'serve', 'demo', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

const GLOBAL: NonNullable<ParseArgsConfig['options']> = {
  db: { type: 'string' },
  suite: { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  /** Print the stack of an internal error (exit 4) after its one line. */
  debug: { type: 'boolean' },
};

const OPTIONS: Partial<Record<CommandName, NonNullable<ParseArgsConfig['options']>>> = {
  bench: {
    repo: { type: 'string' },
    rev: { type: 'string' },
    bench: { type: 'string' },
    trials: { type: 'string' },
    json: { type: 'boolean' },
  },
  compare: {
    repo: { type: 'string' },
    base: { type: 'string' },
    head: { type: 'string' },
    bench: { type: 'string' },
    json: { type: 'boolean' },
    'fail-on-regression': { type: 'boolean' },
    fresh: { type: 'boolean' },
    out: { type: 'string' },
  },
  bisect: {
    repo: { type: 'string' },
    good: { type: 'string' },
    bad: { type: 'string' },
    bench: { type: 'string' },
    metric: { type: 'string' },
    json: { type: 'boolean' },
  },
  record: {
    repo: { type: 'string' },
    branch: { type: 'string' },
    last: { type: 'string' },
    trials: { type: 'string' },
    json: { type: 'boolean' },
  },
  report: {
    repo: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    json: { type: 'boolean' },
  },
  demo: {
    bench: { type: 'string' },
    fresh: { type: 'boolean' },
    json: { type: 'boolean' },
    out: { type: 'string' },
  },
};

export interface ParsedCommand {
  command: CommandName;
  values: Record<string, string | boolean | undefined>;
}

/**
 * Parses `perfbot <command> [options]`.
 * @throws UsageError with a one-line reason
 */
export function parseCommandLine(argv: readonly string[]): ParsedCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') return { command: 'help', values: {} };
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new UsageError(`unknown command '${first}' (commands: ${COMMANDS.join(', ')})`);
  }
  const command = first as CommandName;
  try {
    const { values } = parseArgs({ args: [...rest], options: { ...GLOBAL, ...(OPTIONS[command] ?? {}) }, strict: true, allowPositionals: false });
    return { command, values: values as ParsedCommand['values'] };
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * Reads a required string option.
 * @throws UsageError naming the missing option
 */
export function required(values: ParsedCommand['values'], name: string, command: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`${command} needs --${name}`);
  return value;
}

/**
 * Reads a positive integer option.
 * @returns the number, or `null` when the option was not given
 * @throws UsageError when it is not a positive integer
 */
export function positiveInt(values: ParsedCommand['values'], name: string): number | null {
  const raw = values[name];
  if (raw === undefined) return null;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer, got '${String(raw)}'`);
  return n;
}

export const HELP = `perfbot — performance regressions in streaming code, caught on every pull request

usage:
  perfbot bench   [--repo DIR] [--rev REV] [--bench GLOB] [--trials N] [--json]
  perfbot compare [--repo DIR] --base REV --head REV [--bench GLOB] [--json] [--fail-on-regression] [--fresh] [--out FILE]
  perfbot bisect  [--repo DIR] --good REV --bad REV --bench NAME [--metric M] [--json]
  perfbot record  [--repo DIR] [--branch B] [--last N] [--trials N] [--json]
  perfbot report  [--repo DIR] [--since DATE] [--until DATE] [--json]
  perfbot serve | demo | help

global: --db FILE · --suite DIR · --config FILE · --debug (the stack of an internal error)
exit: 0 ok · 1 regression (--fail-on-regression) · 2 bad usage, config or input · 3 benchmarks failed · 4 internal error
`;
