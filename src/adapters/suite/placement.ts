import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { glob } from 'tinyglobby';
import type { SuiteEntry } from './discovery.js';

/** The folder a suite is placed in, at a worktree's root (design §2.1). */
export const SUITE_FOLDER = '.perfbot-suite';

/** One benchmark of a placed suite. */
export interface SuiteBenchmark {
  /** Its path where it came from (repository-relative, or relative to `--suite DIR`): the stable key. */
  key: string;
  name: string;
  /** Its path inside a worktree once placed. */
  placedPath: string;
}

/** A suite ready to be copied into worktrees. */
export interface PlannedSuite {
  benchmarks: SuiteBenchmark[];
  /** Files to write, by their path inside a worktree. */
  files: Map<string, Buffer>;
  /** sha256 over every file's path and content: trials of different suite code never mix. */
  hash: string;
}

/**
 * Plans a suite from benchmarks found in a checkout. Their folder (the deepest folder holding
 * them all, e.g. `benchmarks/`) is copied whole, helpers included, to the same depth under
 * `.perfbot-suite`, so `../src/x.js` from a benchmark still reaches the revision's own code.
 * Benchmarks at the repository root are placed where they are.
 */
export async function planRepoSuite(root: string, entries: readonly SuiteEntry[]): Promise<PlannedSuite> {
  const folder = commonFolder(entries.map((e) => e.path));
  if (folder === '') {
    const files = new Map<string, Buffer>();
    for (const e of entries) files.set(e.path, await readFile(e.file));
    return finish(files, entries.map((e) => ({ key: e.path, name: e.name, placedPath: e.path })));
  }
  const moved = (path: string) => [SUITE_FOLDER, ...path.split('/').slice(1)].join('/');
  const files = await readTree(join(root, folder), (rel) => moved(posix.join(folder, rel)));
  return finish(files, entries.map((e) => ({ key: e.path, name: e.name, placedPath: moved(e.path) })));
}

/** Plans a suite from a directory outside the repository (`--suite DIR`), placed at `.perfbot-suite/`. */
export async function planDirectorySuite(dir: string, entries: readonly SuiteEntry[]): Promise<PlannedSuite> {
  const files = await readTree(dir, (rel) => posix.join(SUITE_FOLDER, rel));
  return finish(files, entries.map((e) => ({ key: e.path, name: e.name, placedPath: posix.join(SUITE_FOLDER, e.path) })));
}

/** Writes a planned suite into a worktree. */
export async function placeSuite(suite: PlannedSuite, worktree: string): Promise<void> {
  for (const [path, content] of suite.files) {
    const target = join(worktree, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** The deepest folder containing every path (`''` when some path is at the root). */
export function commonFolder(paths: readonly string[]): string {
  const folders = paths.map((p) => p.split('/').slice(0, -1));
  if (folders.length === 0) return '';
  const first = folders[0]!;
  let n = first.length;
  for (const f of folders) {
    let i = 0;
    while (i < n && i < f.length && f[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join('/');
}

async function readTree(dir: string, target: (rel: string) => string): Promise<Map<string, Buffer>> {
  const paths = await glob(['**/*'], { cwd: dir, ignore: ['**/node_modules/**', '**/.git/**'], onlyFiles: true, dot: true });
  const files = new Map<string, Buffer>();
  for (const rel of paths.sort()) files.set(target(rel), await readFile(join(dir, rel)));
  return files;
}

function finish(files: Map<string, Buffer>, benchmarks: SuiteBenchmark[]): PlannedSuite {
  const hash = createHash('sha256');
  for (const [path, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(path).update('\0').update(content).update('\0');
  }
  return { benchmarks, files, hash: hash.digest('hex').slice(0, 16) };
}
