import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { discoverRepoSuite, discoverSuite } from '../adapters/suite/discovery.js';
import { placeSuite, planDirectorySuite, planRepoSuite } from '../adapters/suite/placement.js';
import { CONFIG_PATH, ConfigError, loadRepoConfig } from '../config/load.js';
import type { RepoConfig } from '../config/repo-config.js';
import type { Suite } from '../services/ports.js';

/** No benchmark module matched: the user named the wrong directory or filter. */
export class SuiteError extends Error {
  override name = 'SuiteError';
}

const SUITE_DIR_GLOBS = ['**/*.bench.{js,mjs}'];

/**
 * The suite a compare or bisect runs: from `--suite DIR`, or from a checkout (the config's
 * globs), filtered by `--bench`.
 * @throws SuiteError when no benchmark matches
 */
export async function loadSuite(opts: { suiteDir: string | null; checkoutDir: string; config: RepoConfig; filter: string | null; label: string }): Promise<Suite> {
  const entries = opts.suiteDir
    ? await discoverSuite(resolve(opts.suiteDir), SUITE_DIR_GLOBS, opts.filter)
    : await discoverRepoSuite(opts.checkoutDir, opts.config.benchmarks, opts.filter);
  if (entries.length === 0) {
    const where = opts.suiteDir ? resolve(opts.suiteDir) : opts.label;
    throw new SuiteError(`no benchmark modules found in ${where}${opts.filter ? ` matching '${opts.filter}'` : ''}`);
  }
  const plan = opts.suiteDir ? await planDirectorySuite(resolve(opts.suiteDir), entries) : await planRepoSuite(opts.checkoutDir, entries);
  return { benchmarks: plan.benchmarks, hash: plan.hash, place: (dir) => placeSuite(plan, dir) };
}

/**
 * The repo config: `--config FILE`, else `.github/perfbot.yml` of a checkout (defaults when absent).
 * @throws ConfigError naming the file, key path and reason
 */
export async function loadConfigFor(configFile: string | null, checkoutDir: string, label: string): Promise<RepoConfig> {
  if (configFile) {
    const file = resolve(configFile);
    // Only whether it exists: loadRepoConfig refuses non-regular files and checks the size
    // before it reads, and would take a missing file for all defaults.
    try {
      await stat(file);
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message.split('\n')[0];
      throw new ConfigError(`${configFile}: cannot read the config file (${why})`);
    }
    return loadRepoConfig(file);
  }
  return loadRepoConfig(join(checkoutDir, CONFIG_PATH), `${CONFIG_PATH} at ${label}`);
}
