import { spawn } from 'node:child_process';
import { OutputTail } from './output-tail.js';

/** How a shell command ended. */
export interface CommandResult {
  ok: boolean;
  exitCode: number | null;
  timedOut: boolean;
  /** The last lines of stdout and stderr, interleaved as they came. */
  tail: string;
  wallMs: number;
}

/**
 * Runs `sh -c command` in its own process group; kills the group on timeout. Never throws
 * for the command's own failure.
 */
export function runCommand(opts: { command: string; cwd: string; env: Record<string, string>; timeoutMs: number; tailBytes?: number }): Promise<CommandResult> {
  const started = performance.now();
  const tail = new OutputTail(opts.tailBytes ?? 16 * 1024);
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', opts.command], { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, opts.timeoutMs);
    child.stdout.on('data', (c: Buffer) => tail.append(c));
    child.stderr.on('data', (c: Buffer) => tail.append(c));
    child.on('error', (error) => tail.append(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0 && !timedOut, exitCode: code, timedOut, tail: tail.text(), wallMs: performance.now() - started });
    });
  });
}
