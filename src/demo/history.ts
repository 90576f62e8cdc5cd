/**
 * The history of the demo repository: perfbot's own streaming suite grown commit by commit,
 * as a small stream-processing library would be, with one commit that slows a pipeline stage.
 * Pure: files in, commits out.
 */

/** One commit of the generated history; `null` deletes a file. */
export interface DemoCommit {
  subject: string;
  files: Record<string, string | null>;
}

export interface DemoHistory {
  commits: DemoCommit[];
  /** Index of the commit that slows the pipeline down. */
  culprit: number;
}

/** Which benchmarks arrive in which commit, in order. */
const FEATURES: readonly { bench: string; subject: string }[] = [
  { bench: 'ndjson-pipeline', subject: 'Initial import: NDJSON order pipeline (parse → enrich → serialize)' },
  { bench: 'micro-batcher', subject: 'Add MicroBatcher: flush on max size or max wait' },
  { bench: 'bounded-queue', subject: 'Add BoundedQueue with backpressure for slow consumers' },
  { bench: 'tumbling-window', subject: 'Add tumbling-window aggregation with watermarks and allowed lateness' },
  { bench: 'worker-pool', subject: 'Add ordered parallel map for content-defined chunking' },
  { bench: 'hash-partition', subject: 'Add hash partitioner (FNV-1a) with per-partition flushing' },
  { bench: 'micro-batcher-open', subject: 'Benchmark the batcher at a fixed arrival rate (open loop)' },
  { bench: 'tumbling-window-open', subject: 'Benchmark windowing at a fixed event rate (open loop)' },
];

const CONFIG = `# perfbot: short trials, many pairs (the noise lives between processes)
warmup: 300ms
duration: 500ms
trials: 12
max_pairs: 40
thresholds:
  throughput: 3%
`;

/**
 * Moves a benchmark of perfbot's suite into the demo layout (`benchmarks/x.bench.mjs`
 * importing `../src/`) with short trials, so the demo's few hundred trials fit in minutes.
 */
function relocate(source: string): string {
  return source
    .replace(/(['"])\.\/lib\//g, '$1../src/')
    .replace(/warmup:\s*(['"])[^'"]*\1/g, `warmup: '${DEMO_TRIAL.warmup}'`)
    .replace(/duration:\s*(['"])[^'"]*\1/g, `duration: '${DEMO_TRIAL.duration}'`);
}

/** The demo's trial length: short, since pairs, not trial length, buy precision (design §4). */
export const DEMO_TRIAL = { warmup: '300ms', duration: '500ms' };

function importsOf(source: string): string[] {
  return [...source.matchAll(/from\s+['"]\.\/(?:lib\/)?([\w.-]+\.mjs)['"]/g)].map((m) => m[1]!);
}

/**
 * Plans the demo history from perfbot's suite.
 * @param suite files of `benchmarks/` by path relative to it (`ndjson-pipeline.bench.mjs`, `lib/ndjson.mjs`)
 * @param slowDown turns the culprit module's source into its slower version
 */
export function planDemoHistory(suite: ReadonlyMap<string, string>, slowDown: { module: string; subject: string; patch: (source: string) => string }): DemoHistory {
  const commits: DemoCommit[] = [];
  const added = new Set<string>();
  const libClosure = (source: string, into: Record<string, string>) => {
    for (const lib of importsOf(source)) {
      if (added.has(lib) || !suite.has(`lib/${lib}`)) continue;
      added.add(lib);
      const text = suite.get(`lib/${lib}`)!;
      into[`src/${lib}`] = text;
      libClosure(text, into);
    }
  };
  for (const [i, feature] of FEATURES.entries()) {
    const bench = suite.get(`${feature.bench}.bench.mjs`);
    if (bench === undefined) continue;
    const files: Record<string, string> = {};
    if (i === 0) {
      files['package.json'] = JSON.stringify({ name: 'streamkit', version: '0.1.0', type: 'module', private: true }, null, 2) + '\n';
      files['README.md'] = '# streamkit\n\nSmall building blocks for stream processing in Node.js.\n';
    }
    libClosure(bench, files);
    files[`benchmarks/${feature.bench}.bench.mjs`] = relocate(bench);
    commits.push({ subject: feature.subject, files });
    if (i === 1) commits.push({ subject: 'Add perfbot config', files: { '.github/perfbot.yml': CONFIG } });
    if (i === 3) commits.push({ subject: 'docs: describe the pipeline stages', files: { 'README.md': readme(['NDJSON pipeline', 'micro-batcher', 'bounded queue', 'tumbling windows']) } });
  }
  commits.push({ subject: 'docs: explain late events and the watermark', files: { 'docs/windows.md': '# Windows\n\nEvents later than the watermark minus the allowed lateness are dropped and counted.\n' } });
  commits.push({ subject: 'ci: run the tests on pull requests', files: { '.github/workflows/ci.yml': 'name: ci\non: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: node --test\n' } });
  commits.push({ subject: 'test: lines split across chunks', files: { 'test/ndjson.test.mjs': NDJSON_TEST } });
  commits.push({ subject: 'chore: release 0.2.0', files: { 'CHANGELOG.md': '# Changelog\n\n## 0.2.0\n- Open-loop benchmarks\n- Hash partitioner\n' } });

  const module = `src/${slowDown.module}`;
  const original = commits.flatMap((c) => (c.files[module] ? [c.files[module]] : [])).at(-1);
  if (original === undefined) throw new Error(`demo: ${slowDown.module} is not part of the suite`);
  const culprit = commits.length;
  commits.push({ subject: slowDown.subject, files: { [module]: slowDown.patch(original) } });

  commits.push({ subject: 'docs: changelog for 0.2.1', files: { 'CHANGELOG.md': '# Changelog\n\n## 0.2.1\n- Stricter billing records\n\n## 0.2.0\n- Open-loop benchmarks\n- Hash partitioner\n' } });
  commits.push({ subject: 'chore: add CONTRIBUTING.md', files: { 'CONTRIBUTING.md': '# Contributing\n\nRun `npx perfbot compare --base main --head HEAD` before opening a pull request.\n' } });
  commits.push({ subject: 'docs: fix typos in the README', files: { 'README.md': readme(['NDJSON pipeline', 'micro-batcher', 'bounded queue', 'tumbling windows', 'ordered parallel map', 'hash partitioning']) } });
  commits.push({ subject: 'chore: release 0.2.1', files: { 'package.json': JSON.stringify({ name: 'streamkit', version: '0.2.1', type: 'module', private: true }, null, 2) + '\n' } });
  return { commits, culprit };
}

const NDJSON_TEST = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseNdjson } from '../src/ndjson.mjs';

test('a line split across two chunks is parsed once', async () => {
  const parse = new ParseNdjson();
  const out = [];
  parse.on('data', (record) => out.push(record));
  parse.write('{"a":');
  parse.end('1}\\n');
  await new Promise((resolve) => parse.on('end', resolve));
  assert.deepEqual(out, [{ a: 1 }]);
});
`;

function readme(parts: string[]): string {
  return `# streamkit\n\nSmall building blocks for stream processing in Node.js:\n\n${parts.map((p) => `- ${p}`).join('\n')}\n`;
}
