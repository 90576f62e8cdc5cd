import { describe, expect, it } from 'vitest';
import { buildTrialEnvironment, isSecretName } from '../../../src/adapters/runner/environment.js';
import { parseHarnessLine } from '../../../src/adapters/runner/harness-messages.js';
import { OutputTail } from '../../../src/adapters/runner/output-tail.js';
import { trialResult } from '../../helpers/trial-fixtures.js';

const result = trialResult({ name: 'x', latency: null });

describe('harness message validation', () => {
  it('accepts a well-formed result and heartbeat', () => {
    expect(parseHarnessLine(JSON.stringify({ type: 'result', result })).ok).toBe(true);
    expect(parseHarnessLine('{"type":"heartbeat","phase":"measure","messages":3}').ok).toBe(true);
  });

  it('names the field that fails the schema', () => {
    const bad = { type: 'result', result: { ...result, throughput: 'fast' } };
    expect(parseHarnessLine(JSON.stringify(bad))).toEqual({
      ok: false,
      reason: 'result failed validation at result.throughput: Invalid input: expected number, received string',
    });
    expect(parseHarnessLine('{"type":"shout"}')).toMatchObject({ ok: false });
    expect(parseHarnessLine('{"type":"result","result":{"messages":NaN}}')).toMatchObject({ ok: false, reason: expect.stringMatching(/not JSON/) });
  });
});

describe('OutputTail', () => {
  it('keeps the last bytes up to the cap and counts all', () => {
    const tail = new OutputTail(10);
    for (let i = 0; i < 100; i++) tail.append(Buffer.from(`line ${i}\n`));
    expect(tail.total).toBe(10 * 7 + 90 * 8);
    expect(tail.text()).toBe('8\nline 99\n');
    expect(tail.lastLines(1)).toEqual(['line 99']);
  });
});

describe('trial environment', () => {
  it('builds the environment from scratch and never passes secret-looking names', () => {
    const env = buildTrialEnvironment({
      parent: { PATH: '/bin', HOME: '/root', GITHUB_TOKEN: 't', AWS_SECRET_ACCESS_KEY: 'k', KAFKA_BROKERS: 'b', LANG: 'en_US.UTF-8' },
      home: '/tmp/h',
      allowlist: ['KAFKA_BROKERS', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY'],
      perfbot: { PERFBOT_TRIAL: '1' },
    });
    expect(env).toEqual({ PATH: '/bin', LANG: 'en_US.UTF-8', HOME: '/tmp/h', KAFKA_BROKERS: 'b', PERFBOT_TRIAL: '1' });
  });

  it('recognises credential names', () => {
    for (const name of ['GITHUB_TOKEN', 'GH_TOKEN', 'PRIVATE_KEY', 'WEBHOOK_SECRET', 'DB_PASSWORD', 'OPENAI_API_KEY', 'NPM_CONFIG__AUTH']) {
      expect(isSecretName(name)).toBe(true);
    }
    expect(isSecretName('KAFKA_BROKERS')).toBe(false);
  });
});
