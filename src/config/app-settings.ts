import { getPrivateKey } from '@probot/get-private-key';
import { githubHost, type GitHubHost } from '../domain/github-host.js';

/** A setting of the App's environment is missing or wrong; the message names the variable. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Probot's public fallback secret: anyone could sign deliveries with it. */
export const DEVELOPMENT_SECRET = 'development';

/** GitHub's own limit on a webhook delivery's body. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

/** What `perfbot serve` runs with, read from the environment (Probot's names where Probot has one). */
export type AppSettings =
  | { mode: 'setup' }
  | {
      mode: 'app';
      appId: number;
      privateKey: string;
      /** The webhook secret; Probot's `development` only with `NODE_ENV=development`. */
      secret: string;
      host: string;
      port: number;
      webhookPath: string;
      /** A smee.io channel that forwards GitHub's deliveries (local development); `null` when unset. */
      webhookProxyUrl: string | null;
      github: GitHubHost;
      logLevel: string;
    };

/**
 * Reads the App's settings: `APP_ID`, `PRIVATE_KEY` or `PRIVATE_KEY_PATH`, `WEBHOOK_SECRET`,
 * `HOST`, `PORT`, `WEBHOOK_PATH`, `WEBHOOK_PROXY_URL`, `GHE_HOST`, `GHE_PROTOCOL`, `LOG_LEVEL`.
 * Without an app id and a key (and outside production) it is Probot's setup mode, which
 * registers the App from `app.yml`.
 * @throws SettingsError naming the variable that is missing or malformed
 */
export function readAppSettings(env: Record<string, string | undefined>, cwd = process.cwd()): AppSettings {
  let privateKey: string | null;
  try {
    privateKey = getPrivateKey({ env: { PRIVATE_KEY: env.PRIVATE_KEY, PRIVATE_KEY_PATH: env.PRIVATE_KEY_PATH }, cwd });
  } catch (error) {
    throw new SettingsError(`PRIVATE_KEY / PRIVATE_KEY_PATH: ${firstLine(error)}`);
  }
  const appIdText = env.APP_ID?.trim() ?? '';
  if (appIdText === '' && privateKey === null && env.NODE_ENV !== 'production') return { mode: 'setup' };
  if (!/^\d+$/.test(appIdText)) throw new SettingsError(appIdText === '' ? 'APP_ID is not set: the GitHub App\'s id' : `APP_ID must be a number, not '${appIdText}'`);
  if (privateKey === null) throw new SettingsError('PRIVATE_KEY (or PRIVATE_KEY_PATH) is not set: the GitHub App\'s private key');
  let secret = env.WEBHOOK_SECRET ?? '';
  if (secret === '') {
    if (env.NODE_ENV !== 'development') {
      throw new SettingsError('WEBHOOK_SECRET is not set: without it anyone could send the App deliveries (set NODE_ENV=development to run with Probot\'s public development secret)');
    }
    secret = DEVELOPMENT_SECRET;
  }
  const portText = env.PORT?.trim() || '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new SettingsError(`PORT must be a port number, not '${env.PORT}'`);
  const webhookPath = env.WEBHOOK_PATH?.trim() || '/api/github/webhooks';
  if (!webhookPath.startsWith('/')) throw new SettingsError(`WEBHOOK_PATH must start with /, not '${webhookPath}'`);
  let github: GitHubHost;
  try {
    github = githubHost(env);
  } catch (error) {
    throw new SettingsError(firstLine(error));
  }
  return {
    mode: 'app',
    appId: Number(appIdText),
    privateKey,
    secret,
    host: env.HOST?.trim() || 'localhost',
    port,
    webhookPath,
    webhookProxyUrl: env.WEBHOOK_PROXY_URL?.trim() || null,
    github,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
  };
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0]!;
}
