/**
 * Composition root of the GitHub App (`npm start` runs it with Probot's server): the result
 * store, job queue and GitHub state in one SQLite file (`$PERFBOT_DB`), the worker that runs
 * trials, and the webhook handlers. Installation tokens come from Probot's app auth.
 */
import { Cron } from 'croner';
import type { Probot } from 'probot';
import { OctokitGitHub } from './adapters/github/octokit-github.js';
import { OctokitReportIssues } from './adapters/github/octokit-report-issues.js';
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
    issuesFor: async (installationId) => new OctokitReportIssues(await app.auth(installationId)),
    log: (line) => app.log.info(line),
  });
  perfbotApp(assembled.runtime)(app);
  assembled.worker.start();
  // The weekly report: Monday 09:00 UTC unless PERFBOT_REPORT_SCHEDULE says otherwise (cron syntax).
  // A tick at start catches up on a week missed while the app was down; a week is filed once.
  const tick = () => {
    const queued = assembled.tickWeeklyReports();
    if (queued.length > 0) app.log.info(`weekly report: ${queued.length} report jobs queued`);
  };
  const schedule = new Cron(process.env.PERFBOT_REPORT_SCHEDULE || '0 9 * * 1', { timezone: 'UTC', protect: true }, tick);
  tick();
  const stop = () => {
    schedule.stop();
    // The running job goes back to the queue and resumes on the next start.
    void assembled.worker.stop().finally(() => {
      store.close();
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
};
