/**
 * Composition root of the command line: parses arguments, wires adapters to services, maps
 * errors to exit codes (design §2.3: 0 ok · 1 regression · 2 bad usage, config or input ·
 * 3 benchmarks failed · 4 internal error).
 */
import { DatabaseVersionError } from './adapters/store/migrations.js';
import { ConfigError } from './config/load.js';
import { HELP, parseCommandLine, UsageError } from './cli/args.js';
import { benchCommand } from './cli/bench-command.js';
import { bisectCommand } from './cli/bisect-command.js';
import { compareCommand } from './cli/compare-command.js';
import { demoCommand } from './cli/demo-command.js';
import { databasePath } from './cli/paths.js';
import { recordCommand } from './cli/record-command.js';
import { reportCommand } from './cli/report-command.js';
import { serveCommand } from './cli/serve-command.js';
import { SuiteError } from './wiring/suite-loading.js';

/** Exit code of an error perfbot did not expect: never 1, which means "regression found". */
export const INTERNAL_ERROR_EXIT = 4;

/**
 * Runs one perfbot command; never throws.
 * @param err where error lines go (stderr)
 * @returns the process exit code
 */
export async function main(argv: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let values: Record<string, string | boolean | undefined> = {};
  try {
    const parsed = parseCommandLine(argv);
    values = parsed.values;
    const { command } = parsed;
    if (command === 'help' || values.help) {
      out.write(HELP);
      return 0;
    }
    switch (command) {
      case 'bench':
        return await benchCommand(values, out);
      case 'compare':
        return await compareCommand(values, out);
      case 'bisect':
        return await bisectCommand(values, out);
      case 'record':
        return await recordCommand(values, out);
      case 'report':
        return await reportCommand(values, out);
      case 'serve':
        return await serveCommand(values);
      case 'demo':
        return await demoCommand(values, out);
      default:
        throw new UsageError(`'${command}' is not available in this version yet`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof SuiteError || error instanceof DatabaseVersionError) {
      err.write(`perfbot: ${error.message}\n`);
      return 2;
    }
    const unusable = unusableDatabase(error);
    if (unusable !== null) {
      err.write(`perfbot: cannot use the database ${databasePath(values.db)}: ${unusable} (set --db or PERFBOT_DB to a perfbot database)\n`);
      return 2;
    }
    return reportInternalError(error, { debug: values.debug === true || argv.includes('--debug'), err });
  }
}

/**
 * Writes an unexpected error as one line (`perfbot: internal error: …; rerun with --debug for
 * the stack`), and with `debug` its stack and causes after it.
 * @returns {@link INTERNAL_ERROR_EXIT}
 */
export function reportInternalError(error: unknown, options: { debug: boolean; err?: NodeJS.WritableStream }): number {
  const err = options.err ?? process.stderr;
  err.write(`perfbot: internal error: ${firstLine(error)}; rerun with --debug for the stack\n`);
  if (options.debug) {
    let current: unknown = error;
    for (let depth = 0; current !== undefined && depth < 5; depth++) {
      const text = current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current);
      err.write(`${depth === 0 ? '' : 'caused by: '}${text}\n`);
      current = current instanceof Error ? current.cause : undefined;
    }
  }
  return INTERNAL_ERROR_EXIT;
}

/** The first non-empty line of an error's message, or its name when it has none. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n').map((l) => l.trim()).find(Boolean);
  return line ?? (error instanceof Error ? error.name : 'unknown error');
}

/**
 * SQLite's own "this file cannot be a database here" errors: a `--db` that is not a SQLite
 * file, or a path that cannot be opened, is bad input (exit 2), not perfbot's fault.
 * @returns SQLite's one-line reason, or `null` for any other error
 */
function unusableDatabase(error: unknown): string | null {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return null;
  const code = (error as Error & { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CANTOPEN' ? firstLine(error) : null;
}
