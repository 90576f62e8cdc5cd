import { relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { DEFAULT_BENCHMARK_GLOBS, FALLBACK_BENCHMARK_GLOBS } from '../../config/repo-config.js';
import { benchmarkNameFromFile } from '../../harness/benchmark-module.js';

/** One benchmark module found on disk. */
export interface SuiteEntry {
  /** Absolute path of the module. */
  file: string;
  /** Path relative to the directory searched, with forward slashes. */
  path: string;
  /** Name from the file name; the module's own `name` may replace it once it runs. */
  name: string;
}

/**
 * Finds benchmark modules under `dir` (node_modules excluded), sorted by path.
 * @param filter a glob matched against the benchmark name and its path (`--bench`), or `null`
 */
export async function discoverSuite(dir: string, globs: readonly string[], filter: string | null = null): Promise<SuiteEntry[]> {
  const paths = await glob([...globs], { cwd: dir, ignore: ['**/node_modules/**'], onlyFiles: true });
  const matches = filter ? picomatch(filter) : () => true;
  return paths
    .map((path) => ({ file: resolve(dir, path), path: relative(dir, resolve(dir, path)).split('\\').join('/'), name: benchmarkNameFromFile(path) }))
    .filter((entry) => matches(entry.name) || matches(entry.path))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Finds a repository's suite: the configured globs, or by default `benchmarks/**` and, when
 * that is empty, any `*.bench.{js,mjs}` in the repository.
 */
export async function discoverRepoSuite(dir: string, globs: readonly string[] | null, filter: string | null = null): Promise<SuiteEntry[]> {
  if (globs) return discoverSuite(dir, globs, filter);
  const found = await discoverSuite(dir, DEFAULT_BENCHMARK_GLOBS, filter);
  return found.length > 0 ? found : discoverSuite(dir, FALLBACK_BENCHMARK_GLOBS, filter);
}
