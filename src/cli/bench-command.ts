import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RevisionError, WorktreeWorkspace } from '../adapters/git/worktree-workspace.js';
import { RevisionPreparer } from '../adapters/install/revision-preparer.js';
import { machineFingerprint } from '../adapters/runner/fingerprint.js';
import { ProcessTrialRunner } from '../adapters/runner/process-trial-runner.js';
import { discoverRepoSuite, discoverSuite } from '../adapters/suite/discovery.js';
import { CONFIG_PATH, loadRepoConfig } from '../config/load.js';
import type { RepoConfig } from '../config/repo-config.js';
import { DEFAULT_TRIAL_OPTIONS } from '../domain/trial-options.js';
import { renderBenchTable } from '../report/bench-table.js';
import { runBench, type BenchTarget } from '../services/bench.js';
import { positiveInt, UsageError, type ParsedCommand } from './args.js';
import { cacheDir } from './paths.js';
import { terminalProgress } from './progress.js';
import { loadConfigFor, loadSuite } from '../wiring/suite-loading.js';

const SUITE_DIR_GLOBS = ['**/*.bench.{js,mjs}'];

/** Where a bench runs: the working tree, or a checkout of `--rev` that is removed afterwards. */
interface BenchSite {
  dir: string;
  config: RepoConfig;
  targets: BenchTarget[];
  release(): Promise<void>;
}

async function workingTreeSite(values: ParsedCommand['values'], filter: string | null): Promise<BenchSite> {
  const repo = resolve(String(values.repo ?? '.'));
  // A --config that does not exist is an error (exit 2), not all defaults.
  const config = values.config ? await loadConfigFor(String(values.config), repo, repo) : await loadRepoConfig(resolve(repo, CONFIG_PATH));
  const targets = values.suite
    ? await discoverSuite(resolve(String(values.suite)), SUITE_DIR_GLOBS, filter)
    : await discoverRepoSuite(repo, config.benchmarks, filter);
  if (targets.length === 0) {
    const where = values.suite ? String(values.suite) : `${repo} (${(config.benchmarks ?? ['**/*.bench.{js,mjs}']).join(', ')})`;
    throw new UsageError(`no benchmark modules found in ${where}${filter ? ` matching '${filter}'` : ''}`);
  }
  return { dir: repo, config, targets, release: async () => undefined };
}

/** `--rev`: the revision checked out, its suite (or `--suite`) placed in it, installed and built. */
async function revisionSite(values: ParsedCommand['values'], rev: string, filter: string | null): Promise<BenchSite> {
  const cache = cacheDir();
  const workspace = await WorktreeWorkspace.open(String(values.repo ?? '.'), cache).catch(asUsageError);
  const checkout = await workspace.checkout(await workspace.resolve(rev).catch(asUsageError));
  try {
    const config = await loadConfigFor(typeof values.config === 'string' ? values.config : null, checkout.dir, rev);
    const suite = await loadSuite({ suiteDir: typeof values.suite === 'string' ? values.suite : null, checkoutDir: checkout.dir, config, filter, label: rev });
    await suite.place(checkout.dir);
    const prepared = await new RevisionPreparer(cache, mkdtempSync(join(tmpdir(), 'perfbot-home-'))).prepare(checkout.dir, {
      install: config.install,
      build: config.build,
      env: config.env,
    });
    if (!prepared.ok) throw new UsageError(`${rev}: ${prepared.reason}`);
    const targets = suite.benchmarks.map((b) => ({ file: join(checkout.dir, b.placedPath), path: b.key, name: b.name }));
    return { dir: checkout.dir, config, targets, release: checkout.release };
  } catch (error) {
    await checkout.release();
    throw error;
  }
}

function asUsageError(error: unknown): never {
  throw error instanceof RevisionError ? new UsageError(error.message) : error;
}

/** `perfbot bench`: measures the suite of a working tree, or of `--rev`. @returns the exit code */
export async function benchCommand(values: ParsedCommand['values'], out: NodeJS.WritableStream): Promise<number> {
  const trials = positiveInt(values, 'trials') ?? 5;
  const filter = typeof values.bench === 'string' ? values.bench : null;
  const site = typeof values.rev === 'string' ? await revisionSite(values, values.rev, filter) : await workingTreeSite(values, filter);
  try {
    const { config } = site;
    const runner = new ProcessTrialRunner({ wallClockMs: config.timeoutMs, heapMb: config.memoryMb, envAllowlist: config.env });
    const fingerprint = machineFingerprint(runner.pinning.label);
    const progress = terminalProgress();
    const summaries = await runBench({
      targets: site.targets,
      cwd: site.dir,
      trials,
      defaults: { ...DEFAULT_TRIAL_OPTIONS, warmupMs: config.warmupMs, durationMs: config.durationMs },
      runner,
      progress: progress.sink,
    });
    progress.done();
    if (values.json) {
      out.write(JSON.stringify({ fingerprint, trials, benchmarks: summaries }, null, 2) + '\n');
    } else {
      out.write(renderBenchTable(summaries, fingerprint));
    }
    return summaries.some((s) => s.status === 'failed') ? 3 : 0;
  } finally {
    await site.release();
  }
}
