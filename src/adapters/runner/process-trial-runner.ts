import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrialOutcome, TrialPhase, TrialResult } from '../../domain/trial.js';
import type { TrialRequest, TrialRunner } from '../../services/ports.js';
import { buildTrialEnvironment } from './environment.js';
import { encodeTrialResult, parseHarnessLine } from './harness-messages.js';
import { residentBytes } from './memory-watch.js';
import { OutputTail } from './output-tail.js';
import { choosePinning, type CpuPinning } from './pinning.js';

export interface ProcessTrialRunnerOptions {
  /** Kill a trial that runs longer than this, in milliseconds. */
  wallClockMs?: number;
  /** Kill a trial that makes no progress for this long, in milliseconds. */
  inactivityMs?: number;
  /** V8 heap cap (`--max-old-space-size`), in MB; resident memory may reach twice this plus 256 MB. */
  heapMb?: number;
  /** Bytes of stdout and of stderr kept per trial (the tail). */
  outputCapBytes?: number;
  /** Environment variable names passed through to trials (repo config `env`). */
  envAllowlist?: readonly string[];
  /** Environment to take PATH, LANG and allowlisted names from; defaults to `process.env`. */
  parentEnv?: NodeJS.ProcessEnv;
  /** HOME of trial processes; defaults to an empty temp directory. */
  home?: string;
  pinning?: CpuPinning;
}

/** The compiled harness entry; from the sources (tests) it is the build's copy in dist/. */
const HARNESS_ENTRY = existsSync(fileURLToPath(new URL('../../harness/trial.js', import.meta.url)))
  ? fileURLToPath(new URL('../../harness/trial.js', import.meta.url))
  : fileURLToPath(new URL('../../../dist/harness/trial.js', import.meta.url));
const MAX_CHANNEL_LINE = 4 * 1024 * 1024;
const MEMORY_POLL_MS = 100;
const live = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of live) killGroup(child);
});

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Runs each trial as a fresh `node` process in its own process group (design §4). */
export class ProcessTrialRunner implements TrialRunner {
  readonly pinning: CpuPinning;
  readonly heapMb: number;
  private readonly opts: Required<Omit<ProcessTrialRunnerOptions, 'home' | 'pinning'>> & { home: string };

  constructor(options: ProcessTrialRunnerOptions = {}) {
    this.pinning = options.pinning ?? choosePinning();
    this.heapMb = options.heapMb ?? 1024;
    this.opts = {
      wallClockMs: options.wallClockMs ?? 60_000,
      inactivityMs: options.inactivityMs ?? 10_000,
      heapMb: this.heapMb,
      outputCapBytes: options.outputCapBytes ?? 64 * 1024,
      envAllowlist: options.envAllowlist ?? [],
      parentEnv: options.parentEnv ?? process.env,
      home: options.home ?? mkdtempSync(join(tmpdir(), 'perfbot-home-')),
    };
  }

  run(request: TrialRequest): Promise<TrialOutcome> {
    const { opts } = this;
    const env = buildTrialEnvironment({
      parent: opts.parentEnv,
      home: opts.home,
      allowlist: opts.envAllowlist,
      perfbot: { PERFBOT_TRIAL: '1', NODE_ENV: 'production' },
    });
    const spec = JSON.stringify({ file: request.file, defaults: request.defaults });
    const argv = [...this.pinning.prefix, process.execPath, `--max-old-space-size=${opts.heapMb}`, HARNESS_ENTRY, spec];
    const started = performance.now();
    const stdout = new OutputTail(opts.outputCapBytes);
    const stderr = new OutputTail(opts.outputCapBytes);
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: request.cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    live.add(child);

    return new Promise<TrialOutcome>((resolve) => {
      let result: TrialResult | null = null;
      let harnessError: { phase: TrialPhase; message: string } | null = null;
      let invalid: string | null = null;
      let killedFor: { kind: 'timeout'; timeout: 'wall-clock' | 'inactivity' } | { kind: 'out-of-memory'; rss: number } | null = null;
      let phase: TrialPhase | null = null;
      let lastProgress = { phase: '', messages: -1 };
      let lastActivity = performance.now();
      let pending = '';
      let closed = false;

      const kill = (reason: NonNullable<typeof killedFor>) => {
        if (killedFor) return;
        killedFor = reason;
        killGroup(child);
      };
      /** The first invalid line ends the trial: its further output is discarded and its group killed now. */
      const reject = (reason: string) => {
        if (invalid !== null) return;
        invalid = reason;
        pending = '';
        channel.removeListener('data', onData);
        channel.resume();
        clearInterval(watchdog);
        // Before 'close' the group may still hold members (the pipes are open); after it, leave its id alone.
        if (!closed) killGroup(child);
      };
      const handle = (line: string) => {
        const parsed = parseHarnessLine(line);
        if (!parsed.ok) return reject(parsed.reason);
        const m = parsed.message;
        if (m.type === 'heartbeat') {
          phase = m.phase;
          const measuring = m.phase === 'warmup' || m.phase === 'measure';
          if (!measuring || m.phase !== lastProgress.phase || m.messages !== lastProgress.messages) lastActivity = performance.now();
          lastProgress = { phase: m.phase, messages: m.messages };
        } else if (m.type === 'result') {
          const encoded = encodeTrialResult(m.result);
          if (!encoded.ok) return reject(encoded.reason);
          result = encoded.result;
          lastActivity = performance.now();
        } else {
          harnessError = { phase: m.phase, message: m.message };
          phase = m.phase;
        }
      };
      /** Never throws: this runs in a stream event, where an exception would take the whole process down. */
      const onLine = (line: string) => {
        if (invalid !== null || line.trim() === '') return;
        try {
          handle(line);
        } catch (error) {
          reject(`result channel line could not be handled: ${error instanceof Error ? error.message : String(error)}`.split('\n', 1)[0]!.slice(0, 300));
        }
      };
      const onData = (chunk: string) => {
        pending += chunk;
        let newline: number;
        while (invalid === null && (newline = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, newline);
          pending = pending.slice(newline + 1);
          onLine(line);
        }
        if (pending.length > MAX_CHANNEL_LINE) reject(`result channel carried a line longer than ${MAX_CHANNEL_LINE / 1024 / 1024} MB`);
      };

      child.stdout!.on('data', (chunk: Buffer) => stdout.append(chunk));
      child.stderr!.on('data', (chunk: Buffer) => stderr.append(chunk));
      const channel = child.stdio[3] as NodeJS.ReadableStream;
      // Decode as a stream, so a character split across two chunks stays whole.
      channel.setEncoding('utf8');
      channel.on('data', onData);

      const rssCap = (opts.heapMb * 2 + 256) * 1024 * 1024;
      const watchdog = setInterval(() => {
        const t = performance.now();
        if (t - started > opts.wallClockMs) kill({ kind: 'timeout', timeout: 'wall-clock' });
        else if (t - lastActivity > opts.inactivityMs) kill({ kind: 'timeout', timeout: 'inactivity' });
        const rss = child.pid === undefined ? null : residentBytes(child.pid);
        if (rss !== null && rss > rssCap) kill({ kind: 'out-of-memory', rss });
      }, Math.min(MEMORY_POLL_MS, opts.inactivityMs / 4));

      child.on('error', (error) => {
        harnessError = { phase: 'load', message: `could not start node: ${error.message}` };
      });
      child.on('close', (code, signal) => {
        closed = true;
        clearInterval(watchdog);
        live.delete(child);
        if (invalid === null && pending.trim() !== '') onLine(pending);
        const base = {
          wallMs: performance.now() - started,
          output: { stdoutTail: stdout.text(), stderrTail: stderr.text(), stdoutBytes: stdout.total, stderrBytes: stderr.total },
        };
        const stderrLast = stderr.lastLines(1)[0];
        const heapExhausted = /heap out of memory|Reached heap limit|Allocation failed/i.test(stderr.text());
        if (killedFor?.kind === 'timeout') {
          const limit = killedFor.timeout === 'wall-clock' ? opts.wallClockMs : opts.inactivityMs;
          const what = killedFor.timeout === 'wall-clock' ? 'ran longer than' : 'made no progress for';
          resolve({ ...base, kind: 'timeout', timeout: killedFor.timeout, phase, reason: `timeout: ${what} ${fmtMs(limit)} during ${phase ?? 'start-up'}; process group killed` });
        } else if (killedFor?.kind === 'out-of-memory' || (heapExhausted && result === null)) {
          const reason =
            killedFor?.kind === 'out-of-memory'
              ? `out of memory: resident memory reached ${Math.round(killedFor.rss / 1048576)} MB (cap ${Math.round(rssCap / 1048576)} MB) during ${phase ?? 'start-up'}`
              : `out of memory: the V8 heap reached its ${opts.heapMb} MB cap during ${phase ?? 'start-up'}`;
          resolve({ ...base, kind: 'out-of-memory', limitMb: opts.heapMb, reason });
        } else if (invalid !== null) {
          resolve({ ...base, kind: 'invalid-output', reason: `invalid output: ${invalid}` });
        } else if (harnessError !== null) {
          const he = harnessError as { phase: TrialPhase; message: string };
          resolve({ ...base, kind: 'failed', exitCode: code, signal, phase: he.phase, reason: he.message });
        } else if (result !== null && code === 0) {
          const r: TrialResult = result;
          const warning = stdout.total > opts.outputCapBytes ? `stdout cut: ${fmtBytes(stdout.total)} written, last ${fmtBytes(opts.outputCapBytes)} kept` : '';
          resolve({ ...base, kind: 'ok', result: r, reason: warning });
        } else {
          const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
          const detail = stderrLast ? `: ${stderrLast.slice(0, 300)}` : '';
          resolve({ ...base, kind: 'failed', exitCode: code, signal, phase, reason: `trial process ${how} without a result${detail}` });
        }
      });
    });
  }
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

function fmtBytes(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}
