import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareJsonSchema } from '../../src/report/compare-json.js';
import { TestRepo } from '../helpers/git-repo.js';
import { FAST_CONFIG, workSource, workloadRepo } from '../helpers/workload-repo.js';

const BIN = fileURLToPath(new URL('../../bin/perfbot.js', import.meta.url));

interface Json {
  base: { sha: string };
  head: { sha: string };
  benchmarks: { name: string; status: string; error?: string; failedSide?: string; metrics: { metric: string; change: number | null; ci: [number, number] | null; verdict: string }[] }[];
  summary: Record<string, number>;
  trials: { run: number; reused: number };
}

function perfbot(args: string[], db: string) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--db', db], { encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const newDb = () => join(mkdtempSync(join(tmpdir(), 'perfbot-db-')), 'perfbot.sqlite');
const metric = (doc: Json, bench: string, name: string) => doc.benchmarks.find((b) => b.name === bench)!.metrics.find((m) => m.metric === name)!;

describe('perfbot compare on a real repository', () => {
  it('finds a planted 20% throughput regression in one benchmark and nothing in the other', () => {
    const repo = workloadRepo(200);
    const base = repo.head();
    // Up to 40 pairs: a loaded CI machine can make 16 too few to resolve even a 20% step.
    const head = repo.commit('make work 25% more expensive', {
      'src/work.mjs': workSource(250),
      '.github/perfbot.yml': FAST_CONFIG.replace('max_pairs: 16', 'max_pairs: 40'),
    });
    const r = perfbot(['compare', '--repo', repo.dir, '--base', base, '--head', head, '--json'], newDb());
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Json;
    expect(compareJsonSchema.safeParse(doc).success).toBe(true);
    expect(doc.base.sha).toBe(base);
    const throughput = metric(doc, 'work', 'throughput');
    expect(throughput.verdict).toBe('regression');
    expect(throughput.ci![0]).toBeLessThanOrEqual(-0.17);
    expect(throughput.ci![1]).toBeGreaterThanOrEqual(-0.23);
    for (const m of doc.benchmarks.find((b) => b.name === 'steady')!.metrics) expect(m.verdict).not.toBe('regression');
    expect(doc.summary.regressions).toBeGreaterThanOrEqual(1);
  });

  it('finds no regression when a revision is compared with itself, and reuses the stored trials next time', () => {
    const repo = workloadRepo(200);
    const db = newDb();
    const first = perfbot(['compare', '--repo', repo.dir, '--base', 'HEAD', '--head', 'HEAD', '--json', '--fail-on-regression'], db);
    expect(first.code, first.stderr).toBe(0);
    const doc = JSON.parse(first.stdout) as Json;
    expect(doc.summary.regressions).toBe(0);
    expect(doc.summary.improvements).toBe(0);
    const again = JSON.parse(perfbot(['compare', '--repo', repo.dir, '--base', 'HEAD', '--head', 'HEAD', '--json'], db).stdout) as Json;
    expect(again.trials.reused).toBeGreaterThanOrEqual(doc.trials.run);
    expect(again.trials.run).toBe(0);
    const fresh = JSON.parse(perfbot(['compare', '--repo', repo.dir, '--base', 'HEAD', '--head', 'HEAD', '--json', '--fresh'], db).stdout) as Json;
    expect(fresh.trials.reused).toBe(0);
    expect(fresh.trials.run).toBeGreaterThan(0);
  });

  it('measures a benchmark added at head on both sides, and reports one whose code base lacks as new', () => {
    const repo = workloadRepo(200);
    const base = repo.head();
    const head = repo.commit('add benchmarks', {
      'benchmarks/added.bench.mjs': "import { work } from '../src/work.mjs';\nexport default { handle: (i) => work(i + 1) };\n",
      'src/fresh.mjs': 'export const fresh = (i) => i * 2;\n',
      'benchmarks/fresh.bench.mjs': "import { fresh } from '../src/fresh.mjs';\nexport default { handle: (i) => fresh(i) };\n",
    });
    const r = perfbot(['compare', '--repo', repo.dir, '--base', base, '--head', head, '--json', '--bench', '{added,fresh}'], newDb());
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Json;
    const added = doc.benchmarks.find((b) => b.name === 'added')!;
    expect(added.status).toBe('ok');
    expect(added.metrics.find((m) => m.metric === 'throughput')!.verdict).not.toBe('regression');
    const fresh = doc.benchmarks.find((b) => b.name === 'fresh')!;
    expect(fresh.status).toBe('new');
    expect(doc.summary.new).toBe(1);
  });

  it('runs a suite from a directory outside the repository against the code of each revision', () => {
    const repo = new TestRepo();
    const base = repo.commit('no benchmarks here', { 'src/work.mjs': workSource(200), 'README.md': '# lib\n' });
    const head = repo.commit('slower', { 'src/work.mjs': workSource(260) });
    const suite = mkdtempSync(join(tmpdir(), 'perfbot-suite-'));
    writeFileSync(join(suite, 'outside.bench.mjs'), "import { work } from '../src/work.mjs';\nexport default { handle: (i) => work(i) };\n");
    const config = join(suite, 'perfbot.yml');
    writeFileSync(config, FAST_CONFIG);
    const r = perfbot(['compare', '--repo', repo.dir, '--base', base, '--head', head, '--json', '--suite', suite, '--config', config], newDb());
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Json;
    expect(doc.benchmarks.map((b) => b.name)).toEqual(['outside']);
    expect(metric(doc, 'outside', 'latency.p50').verdict).toBe('regression');
  });
});

describe('perfbot compare on bad input', () => {
  it('names an unknown revision (exit 2)', () => {
    const repo = workloadRepo();
    const r = perfbot(['compare', '--repo', repo.dir, '--base', 'HEAD', '--head', 'feature/nope'], newDb());
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`perfbot: unknown revision 'feature/nope' in ${repo.dir}`);
  });

  it('names the key path of an invalid config (exit 2)', () => {
    const repo = workloadRepo();
    repo.commit('break config', { '.github/perfbot.yml': 'trials: lots\n' });
    const r = perfbot(['compare', '--repo', repo.dir, '--base', 'HEAD~1', '--head', 'HEAD'], newDb());
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('perfbot: .github/perfbot.yml at head HEAD: trials: Invalid input: expected number, received string');
  });

  it('reports a benchmark that fails at head only, and still compares the others', () => {
    const repo = workloadRepo();
    const base = repo.head();
    const head = repo.commit('break work', { 'src/work.mjs': 'export function work() { throw new Error("work is broken"); }\n' });
    const r = perfbot(['compare', '--repo', repo.dir, '--base', base, '--head', head, '--json'], newDb());
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout) as Json;
    const work = doc.benchmarks.find((b) => b.name === 'work')!;
    expect(work).toMatchObject({ status: 'failed', failedSide: 'head', error: 'warm-up failed: handle() failed on call 1: work is broken' });
    expect(doc.benchmarks.find((b) => b.name === 'steady')!.status).toBe('ok');
    expect(doc.summary.failed).toBe(1);
  });

  it('reports an install failure at one revision clearly (exit 3)', () => {
    const repo = workloadRepo();
    repo.commit('install script', {
      'install.sh': 'echo "npm ERR! 404 Not Found: left-pad@9.9.9" >&2; exit 1\n',
      '.github/perfbot.yml': FAST_CONFIG + 'install: sh install.sh\n',
    });
    const base = repo.head();
    const head = repo.commit('fix install', { 'install.sh': 'echo installed\n' });
    const r = perfbot(['compare', '--repo', repo.dir, '--base', base, '--head', head], newDb());
    expect(r.code).toBe(3);
    // `@9` carries a zero-width space in GitHub text, so it mentions nobody.
    expect(r.stdout).toContain('install failed: `sh install.sh` exited with code 1: npm ERR! 404 Not Found: left-pad@\u200b9.9.9');
    expect(r.stdout).toMatch(/failed at base/);
  });
});

describe('install per revision', () => {
  it('installs once for two revisions with the same lockfile, and each side imports its dependencies', () => {
    const counter = join(mkdtempSync(join(tmpdir(), 'perfbot-installs-')), 'count');
    const install = `echo run >> ${counter} && mkdir -p node_modules/dep && printf 'export const twice = (i) => i * 2;\\\\n' > node_modules/dep/index.mjs && printf '{"name":"dep","type":"module","exports":"./index.mjs"}' > node_modules/dep/package.json`;
    const repo = workloadRepo();
    repo.commit('use a dependency', {
      'package.json': '{ "name": "app", "type": "module" }\n',
      'package-lock.json': '{ "lockfileVersion": 3, "packages": {} }\n',
      '.github/perfbot.yml': `${FAST_CONFIG}install: "${install.replace(/"/g, '\\"')}"\n`,
      'benchmarks/dep.bench.mjs': "import { twice } from 'dep';\nexport default { handle: (i) => twice(i) };\n",
    });
    const base = repo.head();
    const head = repo.commit('touch the readme', { 'README.md': '# app\n' });
    const r = perfbot(['compare', '--repo', repo.dir, '--base', base, '--head', head, '--json', '--bench', 'dep'], newDb());
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Json).benchmarks[0]!.status).toBe('ok');
    expect(readFileSync(counter, 'utf8').trim().split('\n')).toEqual(['run']);
  });
});
