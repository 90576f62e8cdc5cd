import { existsSync } from 'node:fs';
import type { ParsedCommand } from './args.js';
import { UsageError } from './args.js';

/**
 * `perfbot serve` (what `npm start` runs): the GitHub App. Its settings come from the
 * environment (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT, GHE_HOST, ...); `--db` sets the
 * database. Without credentials it is Probot's setup mode, which registers the App. Runs
 * until SIGTERM or SIGINT, which put the running job back in the queue.
 * @throws UsageError naming the setting that is missing or wrong (exit 2)
 */
export async function serveCommand(values: ParsedCommand['values']): Promise<number> {
  if (typeof values.db === 'string') process.env.PERFBOT_DB = values.db;
  // Setup mode writes the App's credentials to .env; what the environment sets wins over it.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { startApp, SettingsError } = await import('../index.js');
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(process.env);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
  if (app === 'setup') {
    const { run } = await import('probot');
    await run(() => undefined);
    return new Promise<number>(() => undefined);
  }
  const running = app;
  return new Promise<number>((resolve) => {
    const stop = () => void running.close().then(() => resolve(0), () => resolve(4));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
