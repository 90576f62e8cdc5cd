import { resolve } from 'node:path';
import { machineFingerprint } from '../adapters/runner/fingerprint.js';
import { ProcessTrialRunner } from '../adapters/runner/process-trial-runner.js';
import { discoverRepoSuite, discoverSuite } from '../adapters/suite/discovery.js';
import { CONFIG_PATH, loadRepoConfig } from '../config/load.js';
import { DEFAULT_TRIAL_OPTIONS } from '../domain/trial-options.js';
import { renderBenchTable } from '../report/bench-table.js';
import { runBench } from '../services/bench.js';
import { positiveInt, UsageError, type ParsedCommand } from './args.js';
import { terminalProgress } from './progress.js';

const SUITE_DIR_GLOBS = ['**/*.bench.{js,mjs}'];

/** `perfbot bench`: measures the suite of a working tree. @returns the exit code */
export async function benchCommand(values: ParsedCommand['values'], out: NodeJS.WritableStream): Promise<number> {
  if (values.rev !== undefined) throw new UsageError('bench --rev needs git worktrees, which arrive with perfbot compare; run bench on a checkout instead');
  const repo = resolve(String(values.repo ?? '.'));
  const config = await loadRepoConfig(values.config ? resolve(String(values.config)) : resolve(repo, CONFIG_PATH));
  const trials = positiveInt(values, 'trials') ?? 5;
  const filter = typeof values.bench === 'string' ? values.bench : null;
  const targets = values.suite
    ? await discoverSuite(resolve(String(values.suite)), SUITE_DIR_GLOBS, filter)
    : await discoverRepoSuite(repo, config.benchmarks, filter);
  if (targets.length === 0) {
    const where = values.suite ? String(values.suite) : `${repo} (${(config.benchmarks ?? ['**/*.bench.{js,mjs}']).join(', ')})`;
    throw new UsageError(`no benchmark modules found in ${where}${filter ? ` matching '${filter}'` : ''}`);
  }
  const runner = new ProcessTrialRunner({ wallClockMs: config.timeoutMs, heapMb: config.memoryMb, envAllowlist: config.env });
  const fingerprint = machineFingerprint(runner.pinning.label);
  const progress = terminalProgress();
  const summaries = await runBench({
    targets,
    cwd: repo,
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
}
