import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { planDemoHistory } from '../../../src/demo/history.js';
import { NDJSON_SLOWDOWN } from '../../../src/demo/slowdown.js';

const SUITE = fileURLToPath(new URL('../../../benchmarks/', import.meta.url));

async function realSuite(): Promise<Map<string, string>> {
  const paths = await glob(['*.bench.mjs', 'lib/*.mjs'], { cwd: SUITE });
  return new Map(paths.map((p) => [p, readFileSync(SUITE + p, 'utf8')]));
}

describe('the demo history', () => {
  it('grows the whole suite in about 20 commits with one culprit touching only the enrich module', async () => {
    const suite = await realSuite();
    const { commits, culprit } = planDemoHistory(suite, NDJSON_SLOWDOWN);
    expect(commits.length).toBeGreaterThanOrEqual(18);
    expect(commits.length).toBeLessThanOrEqual(22);
    expect(culprit).toBeGreaterThan(commits.length / 2);
    expect(Object.keys(commits[culprit]!.files)).toEqual(['src/ndjson.mjs']);
    const added = new Set(commits.flatMap((c) => Object.keys(c.files)));
    for (const path of suite.keys()) {
      expect(added.has(path.endsWith('.bench.mjs') ? `benchmarks/${path}` : `src/${path.slice('lib/'.length)}`)).toBe(true);
    }
    // Every benchmark imports the library from ../src, where the history puts it.
    for (const c of commits) {
      for (const [path, text] of Object.entries(c.files)) {
        if (path.startsWith('benchmarks/')) {
          expect(text).not.toContain("'./lib/");
          expect(text).not.toMatch(/warmup: '(?!300ms)/);
        }
      }
    }
  });

  it('patches the enrich stage of the real ndjson module, and refuses a module it does not recognise', async () => {
    const source = (await realSuite()).get('lib/ndjson.mjs')!;
    const slower = NDJSON_SLOWDOWN.patch(source);
    expect(slower).toContain('hasValidCustomer(order)');
    expect(slower.length).toBeGreaterThan(source.length);
    expect(() => NDJSON_SLOWDOWN.patch('export const nothing = 1;\n')).toThrow(/update src\/demo\/slowdown\.ts/);
  });

  it('only slows the pipeline down: every billable generated order still passes the new validation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfbot-demo-lib-'));
    cpSync(SUITE + 'lib', dir, { recursive: true });
    writeFileSync(join(dir, 'ndjson.mjs'), NDJSON_SLOWDOWN.patch(readFileSync(join(dir, 'ndjson.mjs'), 'utf8')));
    const slower = await import(pathToFileURL(join(dir, 'ndjson.mjs')).href);
    const lines: string[] = slower.makeOrderLines(500, 0x5eed);
    const orders = lines.map((line) => JSON.parse(line));
    const billable = orders.filter((o) => slower.isBillable(o));
    expect(billable.length).toBeGreaterThan(200);
    expect(billable.filter((o) => !slower.hasValidCustomer(o))).toEqual([]);
  });
});
