import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, MAX_CONFIG_BYTES, loadRepoConfig, parseRepoConfig } from '../../../src/config/load.js';

const parse = (text: string) => parseRepoConfig(text, '.github/perfbot.yml');
const error = (text: string) => {
  try {
    parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('repo config', () => {
  it('fills defaults for an empty file', () => {
    const config = parse('');
    expect(config.benchmarks).toBeNull();
    expect(config.thresholds.throughput).toBe(0.02);
    expect(config.thresholds['latency.p99']).toBe(0.1);
    expect(config.failOn).toBe('regression');
    expect(config.timeoutMs).toBe(60_000);
  });

  it('reads every key', () => {
    const config = parse(`
install: pnpm i --frozen-lockfile
build: npm run build
benchmarks: [bench/**/*.bench.mjs]
trials: 7
max_pairs: 80
warmup: 100ms
duration: 1s
thresholds: { throughput: 3%, latency.p99: 15% }
fail_on: never
timeout: 2m
memory: 2048
env: [KAFKA_BROKERS]
runs_on: command
`);
    expect(config).toMatchObject({
      install: 'pnpm i --frozen-lockfile',
      build: 'npm run build',
      benchmarks: ['bench/**/*.bench.mjs'],
      trials: 7,
      maxPairs: 80,
      warmupMs: 100,
      durationMs: 1000,
      failOn: 'never',
      timeoutMs: 120_000,
      memoryMb: 2048,
      env: ['KAFKA_BROKERS'],
      runsOn: 'command',
    });
    expect(config.thresholds.throughput).toBeCloseTo(0.03);
    expect(config.thresholds['latency.p99']).toBeCloseTo(0.15);
    expect(config.thresholds['latency.p50']).toBe(0.05);
  });

  it('accepts a single glob and install: null', () => {
    const config = parse('benchmarks: perf/*.bench.js\ninstall: null');
    expect(config.benchmarks).toEqual(['perf/*.bench.js']);
    expect(config.install).toBeNull();
  });

  it.each([
    ['thresholds:\n  throughput: lots', '.github/perfbot.yml: thresholds.throughput: expected a percentage like \'2%\', got "lots"'],
    ['trials: 0', '.github/perfbot.yml: trials: Too small: expected number to be >=1'],
    ['fail_on: sometimes', '.github/perfbot.yml: fail_on: Invalid option: expected one of "regression"|"never"'],
    ['duraton: 1s', '.github/perfbot.yml: duraton: unknown key'],
    ['warmup: [1]', '.github/perfbot.yml: warmup: Invalid input'],
    ['env: ["NOT OK"]', '.github/perfbot.yml: env.0: expected an environment variable name'],
    ['- just\n- a list', '.github/perfbot.yml: expected a mapping of keys at the top level'],
  ])('names the key path and reason for %j', (text, message) => {
    expect(error(text)).toBe(message);
  });

  it('reports YAML syntax errors with the line', () => {
    expect(error('trials: 3\nthresholds: {throughput: 2%\n')).toMatch(/^\.github\/perfbot\.yml: line \d+: /);
  });

  it('treats a missing file as all defaults, and reads a file that exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfbot-config-'));
    expect((await loadRepoConfig(join(dir, 'perfbot.yml'))).trials).toBe(10);
    writeFileSync(join(dir, 'perfbot.yml'), 'trials: 3\n');
    expect((await loadRepoConfig(join(dir, 'perfbot.yml'))).trials).toBe(3);
  });
});

/** Nine levels of nine aliases each: 9^9 (387 million) strings if expanded. */
const ALIAS_BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat([...'bcdefghi'].map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`))
  .join('\n');
const ALIAS_REASON = 'YAML aliases expand past the limit of 100 (nested anchors and aliases, an alias bomb); write the values out';

async function loadError(file: string): Promise<string> {
  const e: unknown = await loadRepoConfig(file).then(() => null, (error: unknown) => error);
  expect(e).toBeInstanceOf(ConfigError);
  return (e as Error).message;
}

describe('hostile config text', () => {
  it('refuses an alias bomb as a ConfigError naming aliases, quickly', () => {
    const started = performance.now();
    expect(error(ALIAS_BOMB)).toBe(`.github/perfbot.yml: ${ALIAS_REASON}`);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('still reads a config that uses a few aliases', () => {
    expect(parse('env: &vars [KAFKA_BROKERS]\nthresholds: &t { throughput: 3% }\n').env).toEqual(['KAFKA_BROKERS']);
  });

  it('turns any other yaml exception into a ConfigError (an alias whose anchor comes later)', () => {
    expect(error('trials: *n\nmax_pairs: &n 20\n')).toBe('.github/perfbot.yml: Unresolved alias (the anchor must be set before the alias): n');
  });

  it('refuses text over 64 KB before parsing it, naming the size and the limit', () => {
    const text = `# ${'x'.repeat(MAX_CONFIG_BYTES)}\ntrials: 3\n`;
    expect(error(text)).toBe(`.github/perfbot.yml: config is ${Buffer.byteLength(text).toLocaleString('en-US')} bytes, over the limit of 65,536 bytes (64 KB)`);
    // Counted in bytes, not characters: 22,000 three-byte characters are 66,000 bytes.
    expect(error(`# ${'€'.repeat(22_000)}`)).toMatch(/config is 66,002 bytes, over the limit of 65,536 bytes \(64 KB\)$/);
    expect(parse(`# ${'x'.repeat(MAX_CONFIG_BYTES - 20)}\ntrials: 3\n`).trials).toBe(3);
  });

  it('refuses a file over 64 KB by its size, and an alias bomb in a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfbot-config-'));
    writeFileSync(join(dir, 'big.yml'), `# ${'x'.repeat(100_000)}\n`);
    expect(await loadError(join(dir, 'big.yml'))).toBe(`${join(dir, 'big.yml')}: config is 100,003 bytes, over the limit of 65,536 bytes (64 KB)`);
    writeFileSync(join(dir, 'bomb.yml'), ALIAS_BOMB);
    expect(await loadError(join(dir, 'bomb.yml'))).toBe(`${join(dir, 'bomb.yml')}: ${ALIAS_REASON}`);
    const named: unknown = await loadRepoConfig(join(dir, 'big.yml'), '.github/perfbot.yml at abc1234').catch((e: unknown) => e);
    expect((named as Error).message).toMatch(/^\.github\/perfbot\.yml at abc1234: config is 100,003 bytes/);
  });

  it('refuses what is not a regular file without waiting on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfbot-config-'));
    mkdirSync(join(dir, 'perfbot.yml'));
    expect(await loadError(join(dir, 'perfbot.yml'))).toBe(`${join(dir, 'perfbot.yml')}: cannot read: not a regular file`);
    execFileSync('mkfifo', [join(dir, 'fifo.yml')]);
    expect(await loadError(join(dir, 'fifo.yml'))).toBe(`${join(dir, 'fifo.yml')}: cannot read: not a regular file`);
    expect(await loadError('/dev/zero')).toBe('/dev/zero: cannot read: not a regular file');
  });
});
