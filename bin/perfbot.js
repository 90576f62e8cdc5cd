#!/usr/bin/env node
// Exit codes: 0 ok · 1 regression · 2 bad usage, config or input · 3 benchmarks failed ·
// 4 internal error. Nothing may end perfbot with Node's default stack trace and exit 1,
// which would read as "regression found": errors outside main() end with exit 4 too.
const debug = process.argv.includes('--debug');

let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  const message = String(error?.message ?? error).split('\n')[0];
  process.stderr.write(`perfbot: internal error: cannot load perfbot's build (dist/cli.js; run npm run build): ${message}; rerun with --debug for the stack\n`);
  if (debug) process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(4);
}

const fatal = (error) => process.exit(cli.reportInternalError(error, { debug }));
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

process.exitCode = await cli.main(process.argv.slice(2));
