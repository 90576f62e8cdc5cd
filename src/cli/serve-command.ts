import type { ParsedCommand } from './args.js';

/**
 * `perfbot serve`: the GitHub App with Probot's server, the same as `npm start`. Probot reads
 * its settings from the environment (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT, ...); `--db`
 * sets the database the app uses. Runs until the process is stopped (SIGTERM puts the
 * running job back in the queue).
 */
export async function serveCommand(values: ParsedCommand['values']): Promise<number> {
  if (typeof values.db === 'string') process.env.PERFBOT_DB = values.db;
  const [{ run }, { default: app }] = await Promise.all([import('probot'), import('../index.js')]);
  await run(app);
  return new Promise<number>(() => undefined);
}
