/**
 * Composition root of the GitHub App (`npm start` runs it with Probot's server): the result
 * store, job queue and GitHub state in one SQLite file (`$PERFBOT_DB`), the worker that runs
 * trials, and the webhook handlers. Installation tokens come from Probot's app auth.
 */
import type { Probot } from 'probot';
import { OctokitGitHub } from './adapters/github/octokit-github.js';
import { SqliteResultStore } from './adapters/store/sqlite-result-store.js';
import { perfbotApp } from './app/perfbot-app.js';
import { cacheDir, databasePath } from './cli/paths.js';
import { assembleApp } from './wiring/app-runtime.js';

export default (app: Probot): void => {
  const store = new SqliteResultStore(databasePath(undefined));
  const assembled = assembleApp({
    store,
    cache: cacheDir(),
    githubFor: async (installationId) => new OctokitGitHub(await app.auth(installationId)),
    log: (line) => app.log.info(line),
  });
  perfbotApp(assembled.runtime)(app);
  assembled.worker.start();
  const stop = () => {
    // The running job goes back to the queue and resumes on the next start.
    void assembled.worker.stop().finally(() => {
      store.close();
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
};
