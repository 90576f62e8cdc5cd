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
import { cloneUrlOf } from '../domain/github-host.js';

/** What the app's measuring jobs need: GitHub as the installation, the store, the cache, and the git host. */
export interface AppMeasureOptions {
  github: GitHub;
  store: SqliteResultStore;
  cache: string;
  /** Where repositories are cloned from (`GitHubHost.gitBaseUrl`). */
  gitBaseUrl: string;
}

/**
 * The mirror of a target's repository, fetched from the App's git host with a fresh
 * installation token (the URL is built from `owner/name`, never taken from a payload).
 */
async function openMirror(o: Omit<AppMeasureOptions, 'store'>, target: RepoTarget): Promise<WorktreeWorkspace> {
  return WorktreeWorkspace.open(cloneUrlOf(o.gitBaseUrl, target.repository), o.cache, { token: await o.github.cloneToken() });
}

/** The app's compare: a mirror of the repository fetched with the installation token, then `runCompare`. */
export function measurePullRequest(o: AppMeasureOptions): MeasurePullRequest {
  return async ({ target, baseSha, headSha, requested, signal, progress }) => {
    const workspace = await openMirror(o, target);
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
export function bisectRepository(o: AppMeasureOptions): BisectRepository {
  return async ({ target, good, bad, benchmark, metric, progress }) => {
    const workspace = await openMirror(o, target);
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
export function recordRevision(o: AppMeasureOptions): (target: RepoTarget, sha: string) => Promise<RecordResult> {
  return async (target, sha) => {
    const workspace = await openMirror(o, target);
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
export async function trendLookups(o: Omit<AppMeasureOptions, 'store'>, target: RepoTarget): Promise<Pick<TrendLookups, 'commitsBetween' | 'commitInfo'>> {
  const workspace = await openMirror(o, target);
  return {
    commitsBetween: async (from, to) => Math.max(0, (await workspace.revList(from, to)).length - 1),
    commitInfo: async (sha) => {
      const info = await workspace.commitInfo(sha);
      return { subject: info.subject, author: info.author };
    },
  };
}
