import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/perfbot.js', import.meta.url));

function perfbot(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmpdir(), encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

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
});
