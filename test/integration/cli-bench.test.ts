import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TestRepo } from '../helpers/git-repo.js';

const BIN = fileURLToPath(new URL('../../bin/perfbot.js', import.meta.url));

function perfbot(args: string[], cwd = tmpdir()) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function repoWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfbot-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const FAST = { '.github/perfbot.yml': 'warmup: 20ms\nduration: 80ms\n' };

describe('perfbot bench', () => {
  it('measures a directory holding one benchmark file and prints the table', () => {
    const repo = repoWith({ ...FAST, 'sum.bench.mjs': 'export default { handle: (i) => i + 1 };\n' });
    const r = perfbot(['bench', '--repo', repo, '--trials', '2']);
    expect(r.stderr).toContain('[2/2] sum trial 2/2: ok');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\| sum +\| +[\d.]+ [kMG]? ?msg\/s/m);
  });

  it('prints JSON with --json and filters with --bench', () => {
    const repo = repoWith({
      ...FAST,
      'benchmarks/alpha.bench.mjs': 'export default { handle: (i) => i };\n',
      'benchmarks/beta.bench.mjs': 'export default { name: "beta-renamed", handle: (i) => i };\n',
    });
    const r = perfbot(['bench', '--repo', repo, '--trials', '1', '--json', '--bench', 'b*']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { benchmarks: { name: string; status: string }[]; fingerprint: { node: string } };
    expect(doc.benchmarks.map((b) => [b.name, b.status])).toEqual([['beta-renamed', 'ok']]);
    expect(doc.fingerprint.node).toBe(process.version);
  });

  it('exits 3 when a benchmark failed, after reporting the others', () => {
    const repo = repoWith({
      ...FAST,
      'benchmarks/good.bench.mjs': 'export default { handle: (i) => i };\n',
      'benchmarks/bad.bench.mjs': 'export default { setup() { throw new Error("no broker") }, handle: (i) => i };\n',
    });
    const r = perfbot(['bench', '--repo', repo, '--trials', '1']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^\| good /m);
    expect(r.stdout).toContain('- `bad` (benchmarks/bad.bench.mjs): setup() threw: no broker');
  });

  it('measures a revision of a repository with --rev, leaving the working tree alone', () => {
    const repo = new TestRepo();
    repo.commit('first', { ...FAST, 'benchmarks/old.bench.mjs': 'export default { handle: (i) => i };\n' });
    repo.commit('second', { 'benchmarks/old.bench.mjs': null, 'benchmarks/new.bench.mjs': 'export default { handle: (i) => i };\n' });
    const r = perfbot(['bench', '--repo', repo.dir, '--rev', 'HEAD~1', '--trials', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\| old /m);
    expect(r.stdout).not.toMatch(/^\| new /m);
    expect(repo.git('status', '--porcelain')).toBe('');
    const bad = perfbot(['bench', '--repo', repo.dir, '--rev', 'v9.9.9']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(`perfbot: unknown revision 'v9.9.9' in ${repo.dir}`);
  });

  it.each([
    [['frobnicate'], "perfbot: unknown command 'frobnicate' (commands: bench, compare, bisect, record, report, serve, demo, help)"],
    [['bench', '--turbo'], "perfbot: bench: Unknown option '--turbo'"],
    [['bench', '--trials', 'many'], "perfbot: --trials must be a positive integer, got 'many'"],
  ])('rejects %j with exit 2 and one line', (args, message) => {
    const r = perfbot(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(message);
    expect(r.stdout).toBe('');
  });

  it('rejects a broken config with exit 2 naming the key', () => {
    const repo = repoWith({ '.github/perfbot.yml': 'thresholds:\n  throughput: lots\n', 'a.bench.mjs': 'export default { handle: (i) => i };\n' });
    const r = perfbot(['bench', '--repo', repo]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`perfbot: ${join(repo, '.github/perfbot.yml')}: thresholds.throughput: expected a percentage like '2%', got "lots"`);
  });

  it('says so when there is no benchmark to run', () => {
    const repo = repoWith({ 'README.md': '# nothing here\n' });
    const r = perfbot(['bench', '--repo', repo]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`perfbot: no benchmark modules found in ${repo} (**/*.bench.{js,mjs})`);
  });
});
