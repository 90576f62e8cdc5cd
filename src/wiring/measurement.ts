import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RevisionPreparer } from '../adapters/install/revision-preparer.js';
import { machineFingerprint } from '../adapters/runner/fingerprint.js';
import { choosePinning } from '../adapters/runner/pinning.js';
import { ProcessTrialRunner } from '../adapters/runner/process-trial-runner.js';
import type { MeasurementDeps, ProgressSink, ResultStore, Workspace } from '../services/ports.js';
import { loadConfigFor, loadSuite } from './suite-loading.js';

/** Where the suite and config come from, and what to call the revision they were read at. */
export interface SuiteSource {
  /** `--config FILE`, or `null` for `.github/perfbot.yml` of the checkout. */
  configFile: string | null;
  /** `--suite DIR`, or `null` for the config's globs in the checkout. */
  suiteDir: string | null;
  /** `--bench` filter, or `null` for every benchmark. */
  filter: string | null;
  /** The repository as errors name it. */
  repository: string;
  /** The revision the config and suite are read at, as errors name it, e.g. `head HEAD`. */
  revision: string;
}

/**
 * Everything compare and bisect need to measure revisions of one repository: trial processes
 * with the config's limits, pinned as the machine allows, with a throwaway HOME; install and
 * build cached under `cache`; the suite and config read as `source` says.
 */
export function measurementDeps(o: { workspace: Workspace; store: ResultStore; cache: string; progress: ProgressSink; source: SuiteSource }): MeasurementDeps {
  const home = mkdtempSync(join(tmpdir(), 'perfbot-home-'));
  const pinning = choosePinning();
  const { source } = o;
  return {
    workspace: o.workspace,
    store: o.store,
    runnerFor: (config) => new ProcessTrialRunner({ wallClockMs: config.timeoutMs, heapMb: config.memoryMb, envAllowlist: config.env, home, pinning }),
    preparer: new RevisionPreparer(o.cache, home),
    loadConfig: (dir) => loadConfigFor(source.configFile, dir, source.revision),
    loadSuite: (dir, config) => loadSuite({ suiteDir: source.suiteDir, checkoutDir: dir, config, filter: source.filter, label: `${source.repository} at ${source.revision}` }),
    fingerprint: machineFingerprint(pinning.label),
    progress: o.progress,
  };
}
