import { WorktreeWorkspace } from '../adapters/git/worktree-workspace.js';
import type { SqliteResultStore } from '../adapters/store/sqlite-result-store.js';
import type { BisectRepository } from '../services/app/bisect-job.js';
import type { MeasurePullRequest } from '../services/app/compare-job.js';
import type { GitHub } from '../services/app/github.js';
import type { RepoTarget } from '../services/app/job-payloads.js';
import { runBisect } from '../services/bisect/bisect.js';
import { runCompare } from '../services/compare/compare.js';
import { runRecord, type RecordResult } from '../services/record.js';
import type { TrendLookups } from '../services/trends/weekly-report.js';
import { SqliteSeriesStore } from '../adapters/store/sqlite-series-store.js';
import { measurementDeps } from './measurement.js';

/** A token only for https remotes: a local path (tests, self-hosted mirrors) needs none. */
async function tokenFor(github: GitHub, t: RepoTarget): Promise<string | null> {
  return /^https:\/\//i.test(t.cloneUrl) ? github.cloneToken() : null;
}

/** The app's compare: a mirror of the repository fetched with the installation token, then `runCompare`. */
export function measurePullRequest(o: { github: GitHub; store: SqliteResultStore; cache: string }): MeasurePullRequest {
  return async ({ target, baseSha, headSha, requested, signal, progress }) => {
    const workspace = await WorktreeWorkspace.open(target.cloneUrl, o.cache, { token: await tokenFor(o.github, target) });
    const deps = measurementDeps({
      workspace,
      store: o.store,
      cache: o.cache,
      progress,
      source: { configFile: null, suiteDir: null, filter: null, repository: target.repository, revision: `head ${headSha.slice(0, 10)}` },
    });
    if (!requested) {
      const head = await workspace.checkout(await workspace.resolve(headSha));
      const config = await deps.loadConfig(head.dir).finally(() => head.release());
      if (config.runsOn === 'command') return { skipped: 'This repository runs perfbot only when asked (`runs_on: command`)' };
    }
    return runCompare({ ...deps, signal }, { repository: target.repository, baseRef: baseSha, headRef: headSha, trigger: 'pull_request' });
  };
}

/** The app's bisect: from the merge-base of good and bad (a PR's base may have moved on) to bad. */
export function bisectRepository(o: { github: GitHub; store: SqliteResultStore; cache: string }): BisectRepository {
  return async ({ target, good, bad, benchmark, metric, progress }) => {
    const workspace = await WorktreeWorkspace.open(target.cloneUrl, o.cache, { token: await tokenFor(o.github, target) });
    const from = (await workspace.mergeBase(good, bad)) ?? good;
    const deps = measurementDeps({
      workspace,
      store: o.store,
      cache: o.cache,
      progress,
      source: { configFile: null, suiteDir: null, filter: null, repository: target.repository, revision: `bad ${bad.slice(0, 10)}` },
    });
    return runBisect(deps, { repository: target.repository, goodRef: from, badRef: bad, benchmark, metric });
  };
}

/** The app's record of a default-branch head: a mirror fetched with the installation token, then `runRecord`. */
export function recordRevision(o: { github: GitHub; store: SqliteResultStore; cache: string }): (target: RepoTarget, sha: string) => Promise<RecordResult> {
  return async (target, sha) => {
    const workspace = await WorktreeWorkspace.open(target.cloneUrl, o.cache, { token: await tokenFor(o.github, target) });
    const deps = measurementDeps({
      workspace,
      store: o.store,
      cache: o.cache,
      progress: () => undefined,
      source: { configFile: null, suiteDir: null, filter: null, repository: target.repository, revision: `record ${sha.slice(0, 10)}` },
    });
    return runRecord({ ...deps, series: new SqliteSeriesStore(o.store.db) }, { repository: target.repository, revisions: [sha], trials: null });
  };
}

/** Commits between recorded revisions and commit subjects, from a mirror of the repository. */
export async function trendLookups(o: { github: GitHub; cache: string }, target: RepoTarget): Promise<Pick<TrendLookups, 'commitsBetween' | 'commitInfo'>> {
  const workspace = await WorktreeWorkspace.open(target.cloneUrl, o.cache, { token: await tokenFor(o.github, target) });
  return {
    commitsBetween: async (from, to) => Math.max(0, (await workspace.revList(from, to)).length - 1),
    commitInfo: async (sha) => {
      const info = await workspace.commitInfo(sha);
      return { subject: info.subject, author: info.author };
    },
  };
}
