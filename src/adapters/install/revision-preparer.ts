import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTrialEnvironment } from '../runner/environment.js';
import { runCommand } from '../runner/command.js';
import type { PrepareOutcome, PrepareSteps, Preparer } from '../../services/ports.js';
import { detectInstall } from './package-manager.js';

const STEP_TIMEOUT_MS = 15 * 60_000;
const READY = '.perfbot-ready';

/**
 * Installs dependencies and builds a checkout. `node_modules` is kept per lockfile hash and
 * linked into every checkout with the same lockfile, so most revisions install nothing.
 * Install and build run with the same scrubbed environment as trials: a PR's install
 * scripts see no token either.
 */
export class RevisionPreparer implements Preparer {
  constructor(
    private readonly cacheDir: string,
    private readonly home: string,
  ) {}

  async prepare(dir: string, steps: PrepareSteps): Promise<PrepareOutcome> {
    const env = buildTrialEnvironment({
      parent: process.env,
      home: this.home,
      allowlist: steps.env,
      perfbot: { PERFBOT_PREPARE: '1', npm_config_cache: join(this.cacheDir, 'npm-cache'), CI: 'true' },
    });
    const plan = steps.install === null ? null : steps.install !== undefined ? { command: steps.install, lockfile: detectInstall(dir)?.lockfile ?? null } : detectInstall(dir);
    let install: 'none' | 'reused' | 'fresh' = 'none';
    const log: string[] = [];
    if (plan) {
      const key = await this.depsKey(dir, plan.command, plan.lockfile);
      const cached = join(this.cacheDir, 'deps', key);
      if (existsSync(join(cached, READY))) {
        await rm(join(dir, 'node_modules'), { recursive: true, force: true });
        await symlink(join(cached, 'node_modules'), join(dir, 'node_modules'), 'dir');
        install = 'reused';
        log.push(`install: reused node_modules ${key}`);
      } else {
        const r = await runCommand({ command: plan.command, cwd: dir, env, timeoutMs: STEP_TIMEOUT_MS });
        if (!r.ok) return { ok: false, step: 'install', reason: stepFailure('install', plan.command, r), tail: r.tail };
        log.push(`install: ${plan.command} (${Math.round(r.wallMs)} ms)`);
        install = 'fresh';
        if (existsSync(join(dir, 'node_modules'))) {
          await rm(cached, { recursive: true, force: true });
          await mkdir(cached, { recursive: true });
          await rename(join(dir, 'node_modules'), join(cached, 'node_modules'));
          await symlink(join(cached, 'node_modules'), join(dir, 'node_modules'), 'dir');
          await writeFile(join(cached, READY), plan.command);
        }
      }
    }
    if (steps.build) {
      const r = await runCommand({ command: steps.build, cwd: dir, env, timeoutMs: STEP_TIMEOUT_MS });
      if (!r.ok) return { ok: false, step: 'build', reason: stepFailure('build', steps.build, r), tail: r.tail };
      log.push(`build: ${steps.build} (${Math.round(r.wallMs)} ms)`);
    }
    return { ok: true, install, log: log.join('\n') };
  }

  private async depsKey(dir: string, command: string, lockfile: string | null): Promise<string> {
    const hash = createHash('sha256').update(command).update('\0').update(process.version);
    for (const file of [lockfile, 'package.json']) {
      if (file && existsSync(join(dir, file))) hash.update(file).update('\0').update(await readFile(join(dir, file)));
    }
    return hash.digest('hex').slice(0, 16);
  }
}

function stepFailure(step: string, command: string, r: { exitCode: number | null; timedOut: boolean; tail: string }): string {
  const last = r.tail.split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? '';
  const how = r.timedOut ? `timed out after ${STEP_TIMEOUT_MS / 60_000} min` : `exited with code ${r.exitCode}`;
  return `${step} failed: \`${command}\` ${how}${last ? `: ${last.slice(0, 200)}` : ''}`;
}
