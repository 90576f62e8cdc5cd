import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** How trial processes are placed on CPUs; recorded in the fingerprint. */
export interface CpuPinning {
  /** Command prefix, e.g. `['taskset', '-c', '1']`, or empty when not pinned. */
  prefix: string[];
  /** `taskset:1` or `none`. */
  label: string;
}

let tasksetPresent: boolean | undefined;

function hasTaskset(): boolean {
  tasksetPresent ??= spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;
  return tasksetPresent;
}

/**
 * Pins trials to one CPU with `taskset` when it is installed and there is more than one CPU.
 * @param cpu the CPU to use; defaults to the last one (the first tends to take interrupts)
 */
export function choosePinning(cpu: number | null = null): CpuPinning {
  const cpus = availableParallelism();
  if (cpus < 2 || !hasTaskset()) return { prefix: [], label: 'none' };
  const chosen = cpu ?? cpus - 1;
  return { prefix: ['taskset', '-c', String(chosen)], label: `taskset:${chosen}` };
}
