import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseRepoConfig } from '../../../src/config/load.js';
import { globLeavesRepository } from '../../../src/config/schema.js';
import { loadConfigFor } from '../../../src/wiring/suite-loading.js';

const SOURCE = '.github/perfbot.yml at head abc';
const REASON = "must stay inside the repository (no absolute paths or '..')";

function configError(text: string): string {
  try {
    parseRepoConfig(text, SOURCE);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('benchmark globs that leave the repository', () => {
  it.each([
    ['../outside/*.bench.mjs'],
    ['/etc/**'],
    ['~/secrets/*.js'],
    ['a/../../x/*.bench.mjs'],
    ['a/../b/*.bench.mjs'],
    ['benchmarks/..'],
    ['..\\outside\\*.bench.mjs'],
    ['a\\..\\..\\x'],
    ['\\etc\\*'],
    ['.\\./outside/*.js'],
    ['C:/x/*.js'],
    ['{..,benchmarks}/*.bench.mjs'],
    ['@(..)/*.js'],
    ['!../x'],
  ])('refuses %s', (glob) => {
    expect(globLeavesRepository(glob)).toBe(true);
  });

  it.each([['benchmarks/**/*.bench.{js,mjs}'], ['**/*.bench.mjs'], ['./benchmarks/*.js'], ['bench{1..3}/*.bench.mjs'], ['a..b/*.js'], ['.hidden/*.bench.mjs']])(
    'allows %s',
    (glob) => {
      expect(globLeavesRepository(glob)).toBe(false);
    },
  );

  it('is a ConfigError naming the list item', () => {
    expect(configError('benchmarks: [benchmarks/*.bench.mjs, ../outside/*.bench.mjs]\n')).toBe(`${SOURCE}: benchmarks.1: ${REASON}`);
  });

  it('is a ConfigError naming the key for a single glob', () => {
    expect(configError("benchmarks: '/etc/**'\n")).toBe(`${SOURCE}: benchmarks: ${REASON}`);
  });

  it('is a ConfigError for a --config file too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfbot-globs-'));
    mkdirSync(join(dir, 'conf'));
    const file = join(dir, 'conf', 'perfbot.yml');
    writeFileSync(file, 'benchmarks:\n  - a/../../x/*.bench.mjs\n');
    await expect(loadConfigFor(file, dir, 'HEAD')).rejects.toThrow(new ConfigError(`${file}: benchmarks.0: ${REASON}`));
  });

  it('keeps globs that stay inside', () => {
    expect(parseRepoConfig("benchmarks: [perf/**/*.bench.mjs, 'bench{1..2}/*.bench.js']\n", SOURCE).benchmarks).toEqual(['perf/**/*.bench.mjs', 'bench{1..2}/*.bench.js']);
  });
});
