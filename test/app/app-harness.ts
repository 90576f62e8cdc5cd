import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import examples from '@octokit/webhooks-examples';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { Probot } from 'probot';
import { pino } from 'pino';
import { OctokitGitHub } from '../../src/adapters/github/octokit-github.js';
import { OctokitReportIssues } from '../../src/adapters/github/octokit-report-issues.js';
import { perfbotOctokit } from '../../src/adapters/github/probot-octokit.js';
import { SqliteResultStore } from '../../src/adapters/store/sqlite-result-store.js';
import { perfbotApp } from '../../src/app/perfbot-app.js';
import type { CompareReport } from '../../src/domain/compare-report.js';
import type { MeasurePullRequest } from '../../src/services/app/compare-job.js';
import { assembleApp, type AssembledApp, type AppRuntimeOptions } from '../../src/wiring/app-runtime.js';

export const API = 'https://api.github.com';
/** The installation token the fake GitHub hands out: it must show up in no log line. */
export const INSTALLATION_TOKEN = 'ghs_perfbotInstallationToken0123456789';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
export const PRIVATE_KEY = privateKey;
export const WEBHOOK_SECRET = 'perfbot-test-secret';
/** The App's slug: only comments by `perfbot[bot]` are its own. */
export const APP_SLUG = 'perfbot';

/** Real payloads from @octokit/webhooks-examples, by event and action. */
export function webhookExamples(event: string, action?: string): Record<string, unknown>[] {
  const group = (examples as unknown as { name: string; examples: Record<string, unknown>[] }[]).find((e) => e.name === event);
  if (!group) throw new Error(`no examples for ${event}`);
  return group.examples.filter((e) => action === undefined || e.action === action).map((e) => structuredClone(e));
}

export interface TestApp {
  probot: Probot;
  assembled: AssembledApp;
  store: SqliteResultStore;
  dbFile: string;
  /** Every log line: perfbot's own and Probot's (JSON). */
  logs: string[];
  /** Delivers a webhook as Probot's server would after verifying it. */
  receive(name: string, payload: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/**
 * perfbot as a Probot app with a real SQLite file, talking to GitHub through nock. The app
 * authenticates as a GitHub App (a real RSA key); `measure` replaces the trials when given.
 */
export function testApp(options: { report?: () => CompareReport; dbFile?: string; busyTimeoutMs?: number; startWorker?: boolean; extra?: Partial<AppRuntimeOptions> } = {}): TestApp {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    secret: WEBHOOK_SECRET,
    log: pino({ level: 'trace' }, sink),
    // No write spacing (plugin-throttling waits a second between writes); limits are tested in octokit-github.test.ts.
    Octokit: perfbotOctokit({ retryBaseMs: 5, throttle: false }),
  });
  const dbFile = options.dbFile ?? join(mkdtempSync(join(tmpdir(), 'perfbot-app-')), 'perfbot.sqlite');
  const store = new SqliteResultStore(dbFile, { busyTimeoutMs: options.busyTimeoutMs });
  const measure = options.report ? (): MeasurePullRequest => async () => options.report!() : undefined;
  const assembled = assembleApp({
    store,
    cache: mkdtempSync(join(tmpdir(), 'perfbot-cache-')),
    githubFor: async (id) => new OctokitGitHub(await probot.auth(id), { appSlug: APP_SLUG }),
    issuesFor: async (id) => new OctokitReportIssues(await probot.auth(id)),
    log: (line) => logs.push(line),
    measure,
    pollMs: 50,
    ...options.extra,
  });
  perfbotApp(assembled.runtime)(probot as never);
  if (options.startWorker !== false) assembled.worker.start();
  return {
    probot,
    assembled,
    store,
    dbFile,
    logs,
    receive: (name, payload) => probot.receive({ id: randomUUID(), name, payload } as never),
    async close() {
      await assembled.worker.stop();
      store.close();
    },
  };
}

/** nock for GitHub's API with the installation token perfbot must use. */
export function github(): nock.Scope {
  return nock(API, { reqheaders: { authorization: `token ${INSTALLATION_TOKEN}` } });
}

/** The installation token exchange, once per installation (Probot caches the token). */
export function installationToken(installationId = 1): nock.Scope {
  return nock(API)
    .post(`/app/installations/${installationId}/access_tokens`)
    .reply(201, { token: INSTALLATION_TOKEN, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: 'all' });
}

/**
 * The lifecycle every app test file shares: no network but nock, every app a test opened
 * closed after it, and no pending mocks left.
 * @returns `open`, which opens an app that is closed after the test
 */
export function useTestApps(): (...args: Parameters<typeof testApp>) => TestApp {
  const apps: TestApp[] = [];
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  return (...args) => {
    const app = testApp(...args);
    apps.push(app);
    return app;
  };
}
