import { readFileSync } from 'node:fs';

/**
 * Resident set size of a process in bytes, from `/proc/<pid>/status`.
 * @returns `null` where /proc is not available or the process is gone.
 */
export function residentBytes(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
