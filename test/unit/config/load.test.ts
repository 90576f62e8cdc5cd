import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadRepoConfig, parseRepoConfig } from '../../../src/config/load.js';

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
