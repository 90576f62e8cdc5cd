// npm run bench:bisect — perfbot's bisect against a one-sample-per-commit binary search (the way
// `asv find` and a naive `git bisect run` script work), side by side on the same generated
// histories: 64 commits, one planted throughput step of 3%, 5%, 10% or 20% at a random commit,
// a deterministic CPU-bound workload plus this machine's real noise.
//   --histories N   histories per step size (default 3)   --steps 0.03,0.05   step sizes
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../../dist/domain/random.js';

const BIN = fileURLToPath(new URL('../../bin/perfbot.js', import.meta.url));
const { values } = parseArgs({ options: { histories: { type: 'string', default: '3' }, steps: { type: 'string', default: '0.03,0.05,0.1,0.2' }, commits: { type: 'string', default: '64' } } });
const HISTORIES = Number(values.histories);
const STEPS = values.steps.split(',').map(Number);
const COMMITS = Number(values.commits);
// Work per message well above the harness's own cost, so the planted step is the step measured.
const BASE_COST = 2000;
const CONFIG = 'warmup: 50ms\nduration: 150ms\ntrials: 8\nmax_pairs: 32\n';

function git(dir, ...args) {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' },
  }).trim();
}

/** A history whose throughput drops by `step` at commit `at`. @returns its shas */
function makeHistory(step, at) {
  const dir = mkdtempSync(join(tmpdir(), 'perfbot-bisect-bench-'));
  git(dir, 'init', '--quiet', '--initial-branch=main');
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'benchmarks'));
  mkdirSync(join(dir, '.github'));
  writeFileSync(join(dir, '.github/perfbot.yml'), CONFIG);
  writeFileSync(join(dir, 'benchmarks/work.bench.mjs'), "import { work } from '../src/work.mjs';\nexport default { handle: (i) => work(i) };\n");
  const shas = [];
  for (let i = 0; i < COMMITS; i++) {
    const cost = Math.round(i >= at ? BASE_COST / (1 - step) : BASE_COST);
    writeFileSync(join(dir, 'src/work.mjs'), `export const COST = ${cost};\nexport function work(i) { let h = i; for (let k = 0; k < COST; k++) h = (h * 31 + k) | 0; return h; }\n// ${i}\n`);
    git(dir, 'add', '--all');
    git(dir, 'commit', '--quiet', '-m', `commit ${i}`);
    shas.push(git(dir, 'rev-parse', 'HEAD'));
  }
  return { dir, shas };
}

function perfbotBisect(h) {
  const db = join(mkdtempSync(join(tmpdir(), 'perfbot-bisect-db-')), 'perfbot.sqlite');
  const r = spawnSync(process.execPath, [BIN, 'bisect', '--repo', h.dir, '--good', h.shas[0], '--bad', h.shas.at(-1), '--bench', 'work', '--json', '--db', db], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`perfbot bisect exited ${r.status}: ${r.stderr.trim().split('\n').at(-1)}\n`);
    return { culprit: null, trials: 0, rounds: 0 };
  }
  const doc = JSON.parse(r.stdout);
  return { culprit: doc.status === 'found' ? doc.culprit.sha : null, trials: doc.trials, rounds: doc.steps.filter((s) => s.verdict !== 'skip').length + 1 };
}

/** One trial of one revision, as a one-sample search would take it. */
function sample(h, sha) {
  const r = spawnSync(process.execPath, [BIN, 'bench', '--repo', h.dir, '--rev', sha, '--trials', '1', '--json'], { encoding: 'utf8' });
  return JSON.parse(r.stdout).benchmarks[0].throughput.median;
}

function naiveBisect(h) {
  let lo = 0;
  let hi = h.shas.length - 1;
  const good = sample(h, h.shas[lo]);
  const bad = sample(h, h.shas[hi]);
  let trials = 2;
  const cut = Math.sqrt(good * bad);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const v = sample(h, h.shas[mid]);
    trials++;
    if (v > cut) lo = mid;
    else hi = mid;
  }
  return { culprit: h.shas[hi], trials, rounds: trials - 1 };
}

const random = mulberry32(2026);
console.log(`# bench:bisect · ${COMMITS} commits · ${HISTORIES} histories per step · ${CONFIG.replace(/\n/g, ' ').trim()}\n`);
console.log(`| step | perfbot exact | perfbot trials (mean) | perfbot rounds (max) | one-sample exact | one-sample trials | target rounds ≤ ${Math.ceil(Math.log2(COMMITS)) + 3} |`);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | :-: |');
for (const step of STEPS) {
  const p = { exact: 0, trials: 0, rounds: 0 };
  const n = { exact: 0, trials: 0 };
  for (let k = 0; k < HISTORIES; k++) {
    const at = 1 + Math.floor(random() * (COMMITS - 1));
    const h = makeHistory(step, at);
    const a = perfbotBisect(h);
    const b = naiveBisect(h);
    process.stderr.write(`step ${step} at ${at}: perfbot ${a.culprit === h.shas[at] ? 'exact' : 'miss'} (${a.trials} trials) · one-sample ${b.culprit === h.shas[at] ? 'exact' : 'miss'}\n`);
    if (a.culprit === h.shas[at]) p.exact++;
    p.trials += a.trials;
    p.rounds = Math.max(p.rounds, a.rounds);
    if (b.culprit === h.shas[at]) n.exact++;
    n.trials += b.trials;
  }
  const pct = (x) => `${Math.round((100 * x) / HISTORIES)}%`;
  console.log(`| ${step * 100}% | ${pct(p.exact)} | ${Math.round(p.trials / HISTORIES)} | ${p.rounds} | ${pct(n.exact)} | ${Math.round(n.trials / HISTORIES)} | ${p.rounds <= Math.ceil(Math.log2(COMMITS)) + 3 ? 'met' : 'missed'} |`);
}
