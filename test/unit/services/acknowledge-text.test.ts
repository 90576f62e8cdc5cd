import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteAppState } from '../../../src/adapters/store/sqlite-app-state.js';
import { migrate } from '../../../src/adapters/store/migrations.js';
import { acknowledge } from '../../../src/services/app/acknowledge.js';
import type { GitHub } from '../../../src/services/app/github.js';

/** Any GitHub call fails the test: an acknowledgement of an unmeasured head only replies. */
const noGitHub = new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`unexpected GitHub call ${String(name)}`)) }) as GitHub;

describe('the reply to /perfbot ack', () => {
  it('shows a hostile benchmark name as one inert code span', async () => {
    const db = new Database(':memory:');
    migrate(db);
    const state = new SqliteAppState(db);
    const t = { repository: 'o/r', owner: 'o', repo: 'r', installationId: 1 };
    const reply = await acknowledge(noGitHub, state, t, 2, 'a'.repeat(40), { benchmark: 'x` @org/team <!-- #1 `y', login: 'ada', reason: null });
    expect(reply).toBe('Noted: @ada acknowledged ``x` @\u200borg/team <!-- #\u200b1 `y`` for `aaaaaaaaaa`; it counts once this head is measured.');
  });
});
