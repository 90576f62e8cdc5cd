import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/load.js';
import { loadConfigFor } from '../../../src/wiring/suite-loading.js';

const checkout = (config?: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'perfbot-checkout-'));
  if (config !== undefined) {
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github', 'perfbot.yml'), config);
  }
  return dir;
};

async function configError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfigFor with --config FILE', () => {
  it('reads the file', async () => {
    const file = join(checkout(), 'perfbot.yml');
    writeFileSync(file, 'trials: 7\n');
    expect((await loadConfigFor(file, checkout(), 'HEAD')).trials).toBe(7);
  });

  it('a file that does not exist is a ConfigError naming it, not all defaults', async () => {
    const file = join(checkout(), 'missing.yml');
    expect(await configError(loadConfigFor(file, checkout(), 'HEAD'))).toBe(`${file}: cannot read the config file (no such file)`);
  });

  it('refuses /dev/zero without reading it', async () => {
    const started = Date.now();
    expect(await configError(loadConfigFor('/dev/zero', checkout(), 'HEAD'))).toBe('/dev/zero: cannot read: not a regular file');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    const fifo = join(checkout(), 'perfbot.yml');
    execFileSync('mkfifo', [fifo]);
    expect(await configError(loadConfigFor(fifo, checkout(), 'HEAD'))).toBe(`${fifo}: cannot read: not a regular file`);
  });

  it('refuses a file over 64 KB by its size', async () => {
    const file = join(checkout(), 'big.yml');
    writeFileSync(file, `# ${'x'.repeat(70_000)}\n`);
    expect(await configError(loadConfigFor(file, checkout(), 'HEAD'))).toBe(`${file}: config is 70,003 bytes, over the limit of 65,536 bytes (64 KB)`);
  });
});

describe("loadConfigFor a checkout's .github/perfbot.yml", () => {
  it('is all defaults when the checkout has none', async () => {
    const config = await loadConfigFor(null, checkout(), 'HEAD');
    expect(config.benchmarks).toBeNull();
    expect(config.failOn).toBe('regression');
  });

  it('reads it, with errors named after the revision', async () => {
    expect((await loadConfigFor(null, checkout('trials: 9\n'), 'HEAD')).trials).toBe(9);
    expect(await configError(loadConfigFor(null, checkout('trials: lots\n'), 'abc123'))).toMatch(/^\.github\/perfbot\.yml at abc123: trials: /);
  });

  it('refuses one of 70 KB by its size, naming the file, the revision and the size', async () => {
    const dir = checkout(`# ${'x'.repeat(70_000)}\ntrials: 1\n`);
    expect(await configError(loadConfigFor(null, dir, 'main'))).toBe('.github/perfbot.yml at main: config is 70,013 bytes, over the limit of 65,536 bytes (64 KB)');
  });

  it('refuses one that is not a regular file (a FIFO) without waiting on it', async () => {
    const dir = checkout();
    mkdirSync(join(dir, '.github'));
    execFileSync('mkfifo', [join(dir, '.github', 'perfbot.yml')]);
    expect(await configError(loadConfigFor(null, dir, 'HEAD'))).toBe('.github/perfbot.yml at HEAD: cannot read: not a regular file');
  });
});
