import { describe, expect, it } from 'vitest';
import { ProcessTrialRunner } from '../../src/adapters/runner/process-trial-runner.js';
import { FIXTURES, QUICK } from './helpers.js';

describe('the trial environment', () => {
  it('carries no token, key, secret or any variable outside the allowlist', async () => {
    const parentEnv = {
      ...process.env,
      GITHUB_TOKEN: 'ghs_parentsecret',
      PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----',
      WEBHOOK_SECRET: 'whsec',
      APP_ID: '12345',
      NODE_OPTIONS: '--require /tmp/evil.js',
      PERFBOT_EXTRA_SETTING: 'allowed',
      MY_API_TOKEN: 'also-secret',
    };
    const runner = new ProcessTrialRunner({ parentEnv, envAllowlist: ['PERFBOT_EXTRA_SETTING', 'MY_API_TOKEN', 'GITHUB_TOKEN'] });
    const outcome = await runner.run({ file: FIXTURES + 'env/env-probe.bench.mjs', cwd: FIXTURES, defaults: QUICK });
    expect(outcome.kind).toBe('ok');
    const line = outcome.output.stdoutTail.split('\n').find((l) => l.startsWith('ENV='))!;
    const seen = JSON.parse(line.slice(4)) as Record<string, string>;
    for (const name of ['GITHUB_TOKEN', 'PRIVATE_KEY', 'WEBHOOK_SECRET', 'APP_ID', 'NODE_OPTIONS', 'MY_API_TOKEN']) {
      expect(seen).not.toHaveProperty(name);
    }
    expect(JSON.stringify(seen)).not.toMatch(/parentsecret|BEGIN RSA|whsec|also-secret/);
    expect(seen.PERFBOT_EXTRA_SETTING).toBe('allowed');
    expect(seen.PERFBOT_TRIAL).toBe('1');
    expect(seen.PATH).toBe(process.env.PATH);
    expect(seen.HOME).not.toBe(process.env.HOME);
    const allowed = new Set(['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'PERFBOT_TRIAL', 'NODE_ENV', 'PERFBOT_EXTRA_SETTING']);
    expect(Object.keys(seen).filter((k) => !allowed.has(k))).toEqual([]);
  });
});
