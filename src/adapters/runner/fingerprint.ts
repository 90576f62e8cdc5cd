import { availableParallelism, cpus, hostname } from 'node:os';
import type { Fingerprint } from '../../domain/fingerprint.js';
import { HARNESS_VERSION } from '../../harness/version.js';

/**
 * The fingerprint of this machine for trials run with the given pinning.
 * The runner id is `$PERFBOT_RUNNER_ID`, else the host name.
 */
export function machineFingerprint(pinning: string, env: NodeJS.ProcessEnv = process.env): Fingerprint {
  return {
    runner: env.PERFBOT_RUNNER_ID || hostname(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    harness: HARNESS_VERSION,
    pinning,
  };
}
