import { describe, expect, it } from 'vitest';
import { commandHead } from '../../../src/domain/command-head.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('commandHead', () => {
  it('takes the newest head from before the comment, whatever GitHub says now', () => {
    expect(commandHead({ heads: [{ sha: B, since: 30 }, { sha: A, since: 10 }], commentAt: 20, currentHead: B, named: null, commits: [] })).toEqual({ ok: true, sha: A });
  });

  it('a head force-pushed away and back is the head again', () => {
    const heads = [{ sha: A, since: 10 }, { sha: B, since: 20 }, { sha: A, since: 30 }];
    expect(commandHead({ heads, commentAt: 25, currentHead: A, named: null, commits: [] })).toEqual({ ok: true, sha: B });
    expect(commandHead({ heads, commentAt: 35, currentHead: A, named: null, commits: [] })).toEqual({ ok: true, sha: A });
  });

  it('takes the current head when the App saw no head at all, and refuses when it only saw a later one', () => {
    expect(commandHead({ heads: [], commentAt: 20, currentHead: B, named: null, commits: [] })).toEqual({ ok: true, sha: B });
    expect(commandHead({ heads: [{ sha: B, since: 30 }], commentAt: 20, currentHead: B, named: null, commits: [] })).toMatchObject({ ok: false });
  });

  it('takes a named sha only when it is one commit of the pull request', () => {
    expect(commandHead({ heads: [], commentAt: 0, currentHead: B, named: 'aaaaaaa', commits: [A, B] })).toEqual({ ok: true, sha: A });
    expect(commandHead({ heads: [], commentAt: 0, currentHead: B, named: 'ccccccc', commits: [A, B] })).toEqual({ ok: false, why: '`ccccccc` is not a commit of this pull request' });
    expect(commandHead({ heads: [], commentAt: 0, currentHead: B, named: 'aaaaaaa', commits: [A, `${'a'.repeat(39)}b`] })).toMatchObject({ ok: false });
  });
});
