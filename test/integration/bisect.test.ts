import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BISECT_CONFIG, costHistory, newDb, perfbot, stepCosts, type BisectJson, type CostHistory } from '../helpers/cost-history.js';
import { TestRepo } from '../helpers/git-repo.js';
import { workSource } from '../helpers/workload-repo.js';

const BIN = fileURLToPath(new URL('../../bin/perfbot.js', import.meta.url));

/** 16 commits; the cost of `work` doubles at commit `at`. */
function history(at: number): CostHistory {
  return costHistory(stepCosts(16, 1000, { [at]: 2 }));
}

describe('perfbot bisect on a real repository', () => {
  it('resumes a killed bisect without measuring again what it stored', async () => {
    const { repo, shas } = history(5);
    const db = newDb();
    const args = ['bisect', '--repo', repo.dir, '--good', shas[0]!, '--bad', shas[15]!, '--bench', 'work', '--json', '--db', db];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString();
        if (/step 2:/.test(err) && child.exitCode === null) child.kill('SIGKILL');
      });
      child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`bisect ended by itself:\n${err}`))));
    });
    const stored = (new Database(db).prepare('SELECT count(*) AS n FROM trials').get() as { n: number }).n;
    expect(stored).toBeGreaterThan(0);
    const again = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 300_000 });
    expect(again.status, again.stderr).toBe(0);
    const doc = JSON.parse(again.stdout) as BisectJson;
    expect(doc.culprit!.sha).toBe(shas[5]);
    expect(doc.reused).toBe(stored);
    const total = (new Database(db).prepare('SELECT count(*) AS n FROM trials').get() as { n: number }).n;
    expect(total).toBe(stored + doc.trials);
  }, 240_000);
});

describe('perfbot bisect with a suite from outside the repository', () => {
  it('bisects history that never had a benchmark, the suite importing each revision\'s code', () => {
    const repo = new TestRepo();
    const shas: string[] = [];
    for (let i = 0; i < 10; i++) shas.push(repo.commit(`commit ${i}`, { 'src/work.mjs': workSource(i >= 6 ? 4000 : 2000) + `// ${i}\n` }));
    const suite = mkdtempSync(join(tmpdir(), 'perfbot-suite-'));
    writeFileSync(join(suite, 'work.bench.mjs'), "import { work } from '../src/work.mjs';\nexport default { handle: (i) => work(i) };\n");
    writeFileSync(join(suite, 'perfbot.yml'), BISECT_CONFIG);
    const r = perfbot(
      ['bisect', '--repo', repo.dir, '--good', shas[0]!, '--bad', shas[9]!, '--bench', 'work', '--suite', suite, '--config', join(suite, 'perfbot.yml'), '--json'],
      newDb(),
    );
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as BisectJson).culprit!.sha).toBe(shas[6]);
  }, 240_000);
});

describe('perfbot bisect through a merge', () => {
  it('names the merge on the first-parent line and the commit of the merged branch that did it', () => {
    const repo = new TestRepo();
    const bench = "import { work } from '../src/work.mjs';\nexport default { handle: (i) => work(i) };\n";
    const good = repo.commit('commit 0', { '.github/perfbot.yml': BISECT_CONFIG, 'benchmarks/work.bench.mjs': bench, 'src/work.mjs': workSource(2000) });
    for (let i = 1; i <= 3; i++) repo.commit(`commit ${i}`, { [`docs/${i}.md`]: `# ${i}\n` });
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.commit('feature: refactor', { 'docs/feature.md': '# feature\n' });
    const slow = repo.commit('feature: heavier work', { 'src/work.mjs': workSource(4000) });
    repo.commit('feature: docs', { 'docs/feature.md': '# feature, documented\n' });
    repo.git('checkout', '--quiet', 'main');
    repo.commit('commit 4', { 'docs/4.md': '# 4\n' });
    repo.git('merge', '--no-ff', '--quiet', '-m', 'Merge branch feature', 'feature');
    const merge = repo.head();
    repo.commit('commit 5', { 'docs/5.md': '# 5\n' });
    const r = perfbot(['bisect', '--repo', repo.dir, '--good', good, '--bad', 'HEAD', '--bench', 'work', '--json'], newDb());
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as BisectJson & { merged: { merge: string; status: string; culprit: { sha: string; subject: string } | null } };
    expect(doc.culprit!.sha).toBe(merge);
    expect(doc.merged.merge).toBe(merge);
    expect(doc.merged.status).toBe('found');
    expect(doc.merged.culprit!.sha).toBe(slow);
    expect(doc.merged.culprit!.subject).toBe('feature: heavier work');
  }, 240_000);
});

describe('perfbot bisect on bad input', () => {
  const { repo, shas } = history(9);
  it.each([
    [['--good', 'HEAD', '--bad', 'HEAD', '--bench', 'work'], (s: string[]) => `perfbot: good and bad are the same revision (${s[15]!.slice(0, 10)})`],
    [['--good', 'HEAD', '--bad', 'HEAD~3', '--bench', 'work'], () => 'perfbot: bad HEAD~3 is not a descendant of good HEAD'],
    [['--good', 'HEAD~3', '--bad', 'HEAD', '--bench', 'nope'], () => "perfbot: unknown benchmark 'nope' (benchmarks: work)"],
    [['--good', 'HEAD~3', '--bad', 'HEAD', '--bench', 'work', '--metric', 'speed'], () => "perfbot: unknown metric 'speed' (metrics: throughput, latency.p50, latency.p99, latency.p999, cpu, rss)"],
    [['--good', 'HEAD~3', '--bad', 'nope', '--bench', 'work'], () => `perfbot: unknown revision 'nope' in ${repo.dir}`],
  ])('%j exits 2 with one line', (args, message) => {
    const r = perfbot(['bisect', '--repo', repo.dir, ...(args as string[])], newDb());
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe((message as (s: string[]) => string)(shas));
  });
});
