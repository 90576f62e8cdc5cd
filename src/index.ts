/**
 * Composition root of the GitHub App (`perfbot serve`, which `npm start` runs): the settings
 * from the environment, Probot with perfbot's retrying and throttled Octokit, the result
 * store, job queue and GitHub state in one SQLite file (`$PERFBOT_DB`), the worker that runs
 * trials, the weekly schedule, and the webhook server with its body cap.
 */
import { Cron } from 'croner';
import { Probot } from 'probot';
import type { Logger } from 'pino';
import { OctokitGitHub } from './adapters/github/octokit-github.js';
import { OctokitReportIssues } from './adapters/github/octokit-report-issues.js';
import { perfbotOctokit } from './adapters/github/probot-octokit.js';
import { startWebhookServer } from './adapters/http/webhook-server.js';
import { SqliteResultStore } from './adapters/store/sqlite-result-store.js';
import { perfbotApp } from './app/perfbot-app.js';
import { cacheDir, databasePath } from './cli/paths.js';
import { MAX_WEBHOOK_BYTES, readAppSettings, SettingsError } from './config/app-settings.js';
import { assembleApp, type AppRuntimeOptions } from './wiring/app-runtime.js';

export { SettingsError } from './config/app-settings.js';

/** The App, running. */
export interface RunningApp {
  /** `http://host:port` of the webhook server. */
  url: string;
  port: number;
  /** Stops taking deliveries, puts the running job back in the queue, closes the database. */
  close(): Promise<void>;
}

/** Options of {@link startApp} beyond the environment. */
export interface StartAppOptions {
  /** Probot's logger (default: pino at `LOG_LEVEL`). */
  log?: Logger;
  /** Milliseconds per unit of GitHub's retry delays (tests: a few). */
  retryBaseMs?: number;
  /** Worker and check-run timing (tests). */
  runtime?: Pick<AppRuntimeOptions, 'pollMs' | 'leaseMs' | 'progressEveryMs'>;
}

/**
 * Starts the App from an environment (`process.env` in production): refuses to start without
 * `WEBHOOK_SECRET` (Probot's fallback secret is public) unless `NODE_ENV=development`.
 * @returns the running app, or `'setup'` when there are no credentials yet (Probot's setup mode)
 * @throws SettingsError naming the variable that is missing or wrong
 */
export async function startApp(env: Record<string, string | undefined>, options: StartAppOptions = {}): Promise<RunningApp | 'setup'> {
  const settings = readAppSettings(env);
  if (settings.mode === 'setup') return 'setup';
  const probot = new Probot({
    appId: settings.appId,
    privateKey: settings.privateKey,
    secret: settings.secret,
    baseUrl: settings.github.apiBaseUrl,
    ...(options.log ? { log: options.log } : { logLevel: settings.logLevel as never }),
    Octokit: perfbotOctokit({ retryBaseMs: options.retryBaseMs }),
  });
  const log = (line: string) => probot.log.info(line);
  const store = new SqliteResultStore(databasePath(undefined, env as NodeJS.ProcessEnv));
  let slug: Promise<string> | null = null;
  /** The App's slug, asked of GitHub once: only comments by `<slug>[bot]` are perfbot's. */
  const appSlug = () => {
    slug ??= probot
      .auth()
      .then((octokit) => octokit.rest.apps.getAuthenticated())
      .then(({ data }) => {
        if (!data?.slug) throw new Error('GitHub did not say the App\'s slug');
        return data.slug;
      })
      .catch((error: unknown) => {
        slug = null;
        throw error;
      });
    return slug;
  };
  const assembled = assembleApp({
    store,
    cache: cacheDir(env as NodeJS.ProcessEnv),
    gitBaseUrl: settings.github.gitBaseUrl,
    githubFor: async (installationId) => new OctokitGitHub(await probot.auth(installationId), { appSlug: await appSlug() }),
    issuesFor: async (installationId) => new OctokitReportIssues(await probot.auth(installationId)),
    log,
    ...options.runtime,
  });
  const server = await startWebhookServer({
    probot,
    appFn: perfbotApp(assembled.runtime),
    host: settings.host,
    port: settings.port,
    webhookPath: settings.webhookPath,
    maxBodyBytes: MAX_WEBHOOK_BYTES,
    log,
  }).catch((error: unknown) => {
    store.close();
    throw new SettingsError(`cannot listen on ${settings.host}:${settings.port} (HOST, PORT): ${error instanceof Error ? error.message : String(error)}`);
  });
  assembled.worker.start();
  log(`perfbot App ${settings.appId} listening on ${server.url}${settings.webhookPath}; GitHub at ${settings.github.apiBaseUrl}, git at ${settings.github.gitBaseUrl}`);
  const proxy = settings.webhookProxyUrl ? await startProxy(settings.webhookProxyUrl, `${server.url}${settings.webhookPath}`, probot.log) : null;
  // The weekly report: Monday 09:00 UTC unless PERFBOT_REPORT_SCHEDULE says otherwise (cron syntax).
  // A tick at start catches up on a week missed while the app was down; a week is filed once.
  const tick = () => {
    const queued = assembled.tickWeeklyReports();
    if (queued.length > 0) log(`weekly report: ${queued.length} report jobs queued`);
  };
  const schedule = new Cron(env.PERFBOT_REPORT_SCHEDULE || '0 9 * * 1', { timezone: 'UTC', protect: true }, tick);
  tick();
  let closing: Promise<void> | null = null;
  return {
    url: server.url,
    port: server.port,
    close: () =>
      (closing ??= (async () => {
        schedule.stop();
        proxy?.close();
        await server.close();
        // The running job goes back to the queue and resumes on the next start.
        await assembled.worker.stop();
        store.close();
      })()),
  };
}

/** Forwards a smee.io channel to the server (local development; smee-client is a dev dependency). */
async function startProxy(source: string, target: string, logger: Logger): Promise<{ close(): void } | null> {
  try {
    const { SmeeClient } = (await import('smee-client' as string)) as { SmeeClient: new (o: { source: string; target: string; logger: Logger }) => { start(): Promise<{ close(): void }> } };
    return await new SmeeClient({ source, target, logger }).start();
  } catch (error) {
    logger.warn(`WEBHOOK_PROXY_URL is set but the proxy did not start (npm install smee-client): ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
