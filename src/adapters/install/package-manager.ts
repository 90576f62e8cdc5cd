import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A lockfile and the install command it calls for (design §2.2). */
export interface InstallPlan {
  lockfile: string;
  command: string;
}

const BY_LOCKFILE: readonly InstallPlan[] = [
  { lockfile: 'pnpm-lock.yaml', command: 'pnpm install --frozen-lockfile' },
  { lockfile: 'yarn.lock', command: 'yarn install --immutable' },
  { lockfile: 'package-lock.json', command: 'npm ci --no-audit --no-fund' },
  { lockfile: 'npm-shrinkwrap.json', command: 'npm ci --no-audit --no-fund' },
];

/**
 * Detects the install step of a checkout from its lockfile.
 * @returns the plan, or `null` when there is no lockfile (nothing to install)
 */
export function detectInstall(dir: string): InstallPlan | null {
  return BY_LOCKFILE.find((p) => existsSync(join(dir, p.lockfile))) ?? null;
}
