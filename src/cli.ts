/**
 * Composition root of the command line: parses arguments, wires adapters to services, maps
 * errors to exit codes (design §2.3: 0 ok · 1 regression · 2 bad usage, config or input ·
 * 3 benchmarks failed).
 */
import { ConfigError } from './config/load.js';
import { HELP, parseCommandLine, UsageError } from './cli/args.js';
import { benchCommand } from './cli/bench-command.js';
import { bisectCommand } from './cli/bisect-command.js';
import { compareCommand } from './cli/compare-command.js';
import { demoCommand } from './cli/demo-command.js';
import { recordCommand } from './cli/record-command.js';
import { reportCommand } from './cli/report-command.js';
import { serveCommand } from './cli/serve-command.js';
import { SuiteError } from './wiring/suite-loading.js';

/** Runs one perfbot command. @returns the process exit code */
export async function main(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  try {
    const { command, values } = parseCommandLine(argv);
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
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof SuiteError) {
      process.stderr.write(`perfbot: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
