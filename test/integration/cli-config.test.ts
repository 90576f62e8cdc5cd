import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/perfbot.js', import.meta.url));

function perfbot(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmpdir(), encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A git repository with one benchmark and `files` committed on top. */
function gitRepo(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfbot-cli-config-repo-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Ada', '-c', 'user.email=ada@example.com', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  writeFileSync(join(dir, 'sum.bench.mjs'), 'export default { handle: (i) => i + 1 };\n');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git('add', '.');
  git('commit', '-qm', 'bench');
  return dir;
}

const cache = () => ({ PERFBOT_CACHE: mkdtempSync(join(tmpdir(), 'perfbot-cli-config-cache-')) });

describe('perfbot with a hostile --config file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perfbot-cli-config-'));
  writeFileSync(join(dir, 'sum.bench.mjs'), 'export default { handle: (i) => i + 1 };\n');

  it('refuses a YAML alias bomb with exit 2 and one line', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [i, name] of [...'bcdefghi'].entries()) levels.push(`${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`);
    const bomb = join(dir, 'bomb.yml');
    writeFileSync(bomb, levels.join('\n') + '\n');
    const r = perfbot(['bench', '--repo', dir, '--config', bomb]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`perfbot: ${bomb}: YAML aliases expand past the limit of 100 (nested anchors and aliases, an alias bomb); write the values out\n`);
    expect(r.stdout).toBe('');
  });

  it('refuses a config over 64 KB with exit 2 and one line', () => {
    const big = join(dir, 'big.yml');
    writeFileSync(big, `# ${'x'.repeat(70_000)}\ntrials: 1\n`);
    const r = perfbot(['bench', '--repo', dir, '--config', big]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`perfbot: ${big}: config is 70,013 bytes, over the limit of 65,536 bytes (64 KB)\n`);
  });

  it('refuses --config /dev/zero quickly with exit 2 and one line', () => {
    const started = Date.now();
    const r = perfbot(['bench', '--repo', dir, '--config', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('perfbot: /dev/zero: cannot read: not a regular file\n');
    expect(r.stdout).toBe('');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses --config /dev/zero with --rev too, before reading it', () => {
    const started = Date.now();
    const r = perfbot(['bench', '--repo', gitRepo(), '--rev', 'HEAD', '--config', '/dev/zero'], cache());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('perfbot: /dev/zero: cannot read: not a regular file\n');
    expect(r.stdout).toBe('');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('names a --config file that does not exist (--rev): exit 2', () => {
    const missing = join(dir, 'missing.yml');
    const r = perfbot(['bench', '--repo', gitRepo(), '--rev', 'HEAD', '--config', missing], cache());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`perfbot: ${missing}: cannot read the config file (no such file)\n`);
  });

  it('names a --config file that does not exist (the working tree) instead of using the defaults: exit 2', () => {
    const missing = join(dir, 'missing.yml');
    const r = perfbot(['bench', '--repo', gitRepo(), '--config', missing], cache());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`perfbot: ${missing}: cannot read the config file (no such file)\n`);
    expect(r.stdout).toBe('');
  });
});

describe('perfbot with a hostile committed .github/perfbot.yml', () => {
  it('refuses one of 70 KB by its size with exit 2 and one line', () => {
    const repo = gitRepo({ '.github/perfbot.yml': `# ${'x'.repeat(70_000)}\ntrials: 1\n` });
    const r = perfbot(['bench', '--repo', repo, '--rev', 'HEAD'], cache());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('perfbot: .github/perfbot.yml at HEAD: config is 70,013 bytes, over the limit of 65,536 bytes (64 KB)\n');
    expect(r.stdout).toBe('');
  });
});
