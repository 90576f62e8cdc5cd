import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import nock from 'nock';
import { Probot } from 'probot';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GitHubError, OctokitGitHub } from '../../src/adapters/github/octokit-github.js';
import { perfbotOctokit } from '../../src/adapters/github/probot-octokit.js';
import { LIMITS, TRUNCATION_NOTE } from '../../src/adapters/github/text-limits.js';

const API = 'https://api.github.com';
const TOKEN = 'ghs_test_token';
const repo = { owner: 'o', repo: 'r' };
const pr = { ...repo, number: 7 };
const noop = (): void => undefined;

/**
 * A token-authenticated client as `probot.auth()` returns one, with retry delays scaled to
 * `retryBaseMs` per second. Each client gets its own throttle id, so plugin-throttling's
 * one-write-per-second spacing (shared per id across the process) does not carry between tests.
 */
function client(retryBaseMs = 5): { octokit: InstanceType<ReturnType<typeof perfbotOctokit>>; warnings: string[] } {
  const warnings: string[] = [];
  const Octokit = perfbotOctokit({ retryBaseMs });
  const octokit = new Octokit({
    auth: { token: TOKEN },
    throttle: { id: randomUUID() },
    log: { debug: noop, info: noop, warn: (message: string) => warnings.push(message), error: noop },
  });
  return { octokit, warnings };
}

function github(options: { appSlug?: string; retryBaseMs?: number } = {}): { gh: OctokitGitHub; warnings: string[] } {
  const { octokit, warnings } = client(options.retryBaseMs);
  const gh = new OctokitGitHub(octokit, { appSlug: options.appSlug, clock: () => Date.UTC(2024, 0, 2, 3, 4, 5) });
  return { gh, warnings };
}

function api(): nock.Scope {
  return nock(API, { reqheaders: { authorization: `token ${TOKEN}` } });
}

async function rejection(promise: Promise<unknown>): Promise<GitHubError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitHubError);
  return error as GitHubError;
}

const lines = (count: number, width: number): string => Array.from({ length: count }, (_, i) => `${String(i).padStart(6, '0')} ${'x'.repeat(width)}`).join('\n');

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe('check runs', () => {
  it('creates a check run named perfbot and returns its id', async () => {
    const { gh } = github();
    api()
      .post('/repos/o/r/check-runs', {
        name: 'perfbot',
        head_sha: 'abc',
        status: 'in_progress',
        output: { title: 'Measuring', summary: 'base vs head' },
        external_id: 'job-1',
      })
      .reply(201, { id: 11 });
    await expect(gh.createCheckRun({ ...repo, headSha: 'abc', status: 'in_progress', output: { title: 'Measuring', summary: 'base vs head' }, externalId: 'job-1' })).resolves.toBe(11);
  });

  it('completes a check run with conclusion, completed_at and actions', async () => {
    const { gh } = github();
    const actions = [{ label: 'Bisect', description: 'Find the culprit commit', identifier: 'bisect' }];
    api()
      .patch('/repos/o/r/check-runs/5', {
        status: 'completed',
        conclusion: 'failure',
        completed_at: '2024-01-02T03:04:05.000Z',
        output: { title: '1 regression', summary: '| a | b |' },
        actions,
      })
      .reply(200, { id: 5 });
    await gh.updateCheckRun({ ...repo, checkRunId: 5, status: 'completed', conclusion: 'failure', output: { title: '1 regression', summary: '| a | b |' }, actions });
  });

  it('sends no conclusion or completed_at while in progress, and no actions when none are given', async () => {
    const { gh } = github();
    api()
      .patch('/repos/o/r/check-runs/5', { status: 'in_progress', output: { title: 't', summary: 's' } })
      .reply(200, { id: 5 });
    await gh.updateCheckRun({ ...repo, checkRunId: 5, status: 'in_progress', conclusion: 'success', output: { title: 't', summary: 's' } });
  });

  it('refuses more than 3 actions and completed without a conclusion, before any request', async () => {
    const { gh } = github();
    const action = { label: 'a', description: 'd', identifier: 'i' };
    const output = { title: 't', summary: 's' };
    await expect(gh.updateCheckRun({ ...repo, checkRunId: 5, status: 'completed', conclusion: 'success', output, actions: [action, action, action, action] })).rejects.toThrow(RangeError);
    await expect(gh.updateCheckRun({ ...repo, checkRunId: 5, status: 'completed', output })).rejects.toThrow(RangeError);
    await expect(gh.updateCheckRun({ ...repo, checkRunId: 5, status: 'queued', output, actions: [{ ...action, identifier: 'x'.repeat(21) }] })).rejects.toThrow(/identifier/);
  });

  it('cuts a 70,000-character summary at a line boundary and a long title to 255', async () => {
    const { gh } = github();
    const summary = lines(1000, 63); // 70 characters a line
    expect(summary.length).toBeGreaterThan(69_000);
    let sent: { title: string; summary: string } | null = null;
    api()
      .patch('/repos/o/r/check-runs/5', (body: { output: { title: string; summary: string } }) => {
        sent = body.output;
        return true;
      })
      .reply(200, { id: 5 });
    await gh.updateCheckRun({ ...repo, checkRunId: 5, status: 'completed', conclusion: 'neutral', output: { title: 'T'.repeat(300), summary } });
    const output = sent as { title: string; summary: string } | null;
    expect(output).not.toBeNull();
    expect(output!.title).toBe(`${'T'.repeat(254)}…`);
    expect(output!.summary.length).toBeLessThanOrEqual(LIMITS.checkSummary);
    expect(output!.summary.length).toBeGreaterThan(LIMITS.checkSummary - 100);
    expect(output!.summary.endsWith(TRUNCATION_NOTE)).toBe(true);
    const kept = output!.summary.slice(0, -TRUNCATION_NOTE.length);
    expect(summary.startsWith(`${kept}\n`)).toBe(true);
  });

  it('names the call and status in one line on a final failure', async () => {
    const { gh } = github();
    api()
      .patch('/repos/o/r/check-runs/5')
      .reply(422, { message: 'Validation Failed', errors: [{ field: 'actions', code: 'invalid' }], documentation_url: 'https://docs.github.com/rest' });
    const error = await rejection(gh.updateCheckRun({ ...repo, checkRunId: 5, status: 'queued', output: { title: 't', summary: 's' } }));
    expect(error.message).toBe('GitHub PATCH /repos/o/r/check-runs/5 answered 422: Validation Failed ([{"field":"actions","code":"invalid"}])');
    expect(error.status).toBe(422);
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.message).not.toContain(TOKEN);
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
  });
});

describe('comments', () => {
  it('creates a comment and returns its id', async () => {
    const { gh } = github();
    api().post('/repos/o/r/issues/7/comments', { body: '<!-- perfbot -->\nhello' }).reply(201, { id: 21 });
    await expect(gh.createComment(pr, '<!-- perfbot -->\nhello')).resolves.toBe(21);
  });

  it('caps a comment body at 65,536 characters', async () => {
    const { gh } = github();
    const body = lines(1000, 63);
    let sent = '';
    api()
      .post('/repos/o/r/issues/7/comments', (b: { body: string }) => {
        sent = b.body;
        return true;
      })
      .reply(201, { id: 21 });
    await gh.createComment(pr, body);
    expect(sent.length).toBeLessThanOrEqual(LIMITS.commentBody);
    expect(sent.endsWith(TRUNCATION_NOTE)).toBe(true);
    expect(body.startsWith(`${sent.slice(0, -TRUNCATION_NOTE.length)}\n`)).toBe(true);
  });

  it('updates a comment; false when it was deleted; other failures throw', async () => {
    // One client per write: plugin-throttling spaces writes of one client 1 s apart (3 s for comments).
    const gh = (): OctokitGitHub => github().gh;
    api().patch('/repos/o/r/issues/comments/21', { body: 'new' }).reply(200, { id: 21 });
    api().patch('/repos/o/r/issues/comments/22', { body: 'new' }).reply(404, { message: 'Not Found' });
    api().patch('/repos/o/r/issues/comments/23', { body: 'new' }).reply(403, { message: 'Resource not accessible by integration' });
    await expect(gh().updateComment({ ...repo, commentId: 21, body: 'new' })).resolves.toBe(true);
    await expect(gh().updateComment({ ...repo, commentId: 22, body: 'new' })).resolves.toBe(false);
    const error = await rejection(gh().updateComment({ ...repo, commentId: 23, body: 'new' }));
    expect(error.message).toBe('GitHub PATCH /repos/o/r/issues/comments/23 answered 403: Resource not accessible by integration');
  });

  it("finds the app's comment on the second page, ignoring a human's and another bot's, and stops there", async () => {
    const { gh } = github({ appSlug: 'perfbot' });
    const marker = '<!-- perfbot:pr -->';
    const page = (n: number): string => `${API}/repositories/1/issues/7/comments?per_page=100&page=${n}`;
    api()
      .get('/repos/o/r/issues/7/comments')
      .query({ per_page: '100' })
      .reply(
        200,
        [
          { id: 1, body: `quoting ${marker}`, user: { login: 'alice', type: 'User' } },
          { id: 2, body: marker, user: { login: 'other[bot]', type: 'Bot' } },
          { id: 3, body: 'no marker', user: { login: 'perfbot[bot]', type: 'Bot' } },
          { id: 4, body: null, user: null },
        ],
        { link: `<${page(2)}>; rel="next", <${page(3)}>; rel="last"` },
      );
    // Page 2 links to a page 3 that is never asked for (net connect is off: asking would fail).
    api()
      .get('/repositories/1/issues/7/comments')
      .query({ per_page: '100', page: '2' })
      .reply(
        200,
        [
          { id: 5, body: `${marker}\nresults`, user: { login: 'perfbot[bot]', type: 'Bot' } },
          { id: 6, body: marker, user: { login: 'perfbot[bot]', type: 'Bot' } },
        ],
        { link: `<${page(3)}>; rel="next", <${page(3)}>; rel="last"` },
      );
    await expect(gh.findComment(pr, marker)).resolves.toBe(5);
  });

  it('accepts any bot without an app slug, and answers null when no comment matches', async () => {
    const { gh } = github();
    api()
      .get('/repos/o/r/issues/7/comments')
      .query({ per_page: '100' })
      .twice()
      .reply(200, [
        { id: 1, body: 'm', user: { login: 'alice', type: 'User' } },
        { id: 2, body: 'm', user: { login: 'other[bot]', type: 'Bot' } },
      ]);
    await expect(gh.findComment(pr, 'm')).resolves.toBe(2);
    await expect(gh.findComment(pr, 'absent')).resolves.toBeNull();
  });
});

describe('permission and pull request', () => {
  it('reads role_name, falls back to permission for custom roles, and 404 is none', async () => {
    const { gh } = github();
    api().get('/repos/o/r/collaborators/alice/permission').reply(200, { permission: 'write', role_name: 'maintain', user: { login: 'alice' } });
    api().get('/repos/o/r/collaborators/bob/permission').reply(200, { permission: 'write', role_name: 'security-reviewer', user: { login: 'bob' } });
    api().get('/repos/o/r/collaborators/carol/permission').reply(200, { permission: 'read', user: { login: 'carol' } });
    api().get('/repos/o/r/collaborators/ghost/permission').reply(404, { message: 'Not Found' });
    await expect(gh.permission({ ...repo, username: 'alice' })).resolves.toBe('maintain');
    await expect(gh.permission({ ...repo, username: 'bob' })).resolves.toBe('write');
    await expect(gh.permission({ ...repo, username: 'carol' })).resolves.toBe('read');
    await expect(gh.permission({ ...repo, username: 'ghost' })).resolves.toBe('none');
  });

  it('reads a pull request, a fork whose repository was deleted included', async () => {
    const { gh } = github();
    const data = (headRepo: { full_name: string } | null): object => ({
      number: 7,
      base: { ref: 'main', sha: 'b'.repeat(40) },
      head: { ref: 'feature', sha: 'h'.repeat(40), repo: headRepo },
      user: { login: 'alice' },
    });
    api().get('/repos/o/r/pulls/7').reply(200, data({ full_name: 'alice/r' }));
    api().get('/repos/o/r/pulls/8').reply(200, data(null));
    await expect(gh.pullRequest(pr)).resolves.toEqual({ baseRef: 'main', baseSha: 'b'.repeat(40), headSha: 'h'.repeat(40), headRepository: 'alice/r', author: 'alice' });
    await expect(gh.pullRequest({ ...pr, number: 8 })).resolves.toMatchObject({ headRepository: null });
  });
});

describe('retries', () => {
  it('retries a 502 and succeeds', async () => {
    const { gh } = github();
    api().get('/repos/o/r/pulls/7').reply(502, 'Bad Gateway');
    api().get('/repos/o/r/pulls/7').reply(200, { base: { ref: 'main', sha: 'b' }, head: { sha: 'h', repo: null }, user: { login: 'a' } });
    await expect(gh.pullRequest(pr)).resolves.toMatchObject({ headSha: 'h' });
  });

  it('gives up after 3 retries of a 5xx', async () => {
    const { gh } = github();
    api().get('/repos/o/r/pulls/7').times(4).reply(503, { message: 'Service Unavailable' });
    const error = await rejection(gh.pullRequest(pr));
    expect(error.message).toBe('GitHub GET /repos/o/r/pulls/7 answered 503: Service Unavailable');
  });

  it('waits for x-ratelimit-reset after a rate-limited 403, then succeeds', async () => {
    // 300 ms stand for one second. GitHub's reset is in whole seconds, so the wait it asks for
    // (reset − now, rounded up, + 1 s) is 2 or 3 s depending on where in the second we are.
    const { gh, warnings } = github({ retryBaseMs: 300 });
    const reset = Math.floor(Date.now() / 1000) + 1;
    api()
      .get('/repos/o/r/collaborators/alice/permission')
      .reply(403, { message: 'API rate limit exceeded for installation ID 42.' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) });
    api().get('/repos/o/r/collaborators/alice/permission').reply(200, { permission: 'admin', role_name: 'admin' });
    const started = performance.now();
    await expect(gh.permission({ ...repo, username: 'alice' })).resolves.toBe('admin');
    const waited = performance.now() - started;
    expect(warnings).toHaveLength(1);
    const asked = Number(/^GitHub rate limit on GET \/repos\/\{owner\}\/\{repo\}\/collaborators\/\{username\}\/permission; retry 1 of 2 in (\d+) s$/.exec(warnings[0]!)?.[1]);
    expect(asked).toBeGreaterThanOrEqual(1);
    expect(asked).toBeLessThanOrEqual(3);
    expect(waited).toBeGreaterThanOrEqual(asked * 300 - 20);
    expect(waited).toBeLessThan(asked * 300 + 1000);
  });

  it('retries a secondary rate limit after retry-after, and gives up after 2 retries', async () => {
    const { gh, warnings } = github();
    const limited = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' };
    // A read, not a comment: plugin-throttling would hold a second comment write 3 s (GitHub's advice).
    api().get('/repos/o/r/collaborators/alice/permission').reply(403, limited, { 'retry-after': '1' });
    api().get('/repos/o/r/collaborators/alice/permission').reply(200, { permission: 'read' });
    await expect(gh.permission({ ...repo, username: 'alice' })).resolves.toBe('read');
    expect(warnings).toEqual(['GitHub secondary rate limit on GET /repos/{owner}/{repo}/collaborators/{username}/permission; retry 1 of 2 in 1 s']);

    const reset = String(Math.floor(Date.now() / 1000));
    api().get('/repos/o/r/pulls/7').times(3).reply(429, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
    const error = await rejection(gh.pullRequest(pr));
    expect(error.message).toBe('GitHub GET /repos/o/r/pulls/7 answered 429: API rate limit exceeded');
    expect(warnings.at(-1)).toBe('GitHub rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}; giving up after 2 retries');
  });
});

describe('installation auth through Probot', () => {
  let privateKey = '';
  beforeAll(() => {
    privateKey = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
  });

  it('returns the installation token for cloning and never puts it in an error message', async () => {
    const probot = new Probot({ appId: 123, privateKey, Octokit: perfbotOctokit({ retryBaseMs: 5 }), logLevel: 'fatal' });
    nock(API)
      .post('/app/installations/42/access_tokens')
      .matchHeader('authorization', /^bearer /i)
      .reply(201, { token: 'ghs_secret', expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: 'all' });
    const gh = new OctokitGitHub(await probot.auth(42), { appSlug: 'perfbot' });
    await expect(gh.cloneToken()).resolves.toBe('ghs_secret');

    // perfbot's limit handlers replace Probot's (which never retry a secondary rate limit).
    const authed = { reqheaders: { authorization: 'token ghs_secret' } };
    nock(API, authed).get('/repos/o/r/pulls/9').reply(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '2' });
    nock(API, authed).get('/repos/o/r/pulls/9').reply(200, { base: { ref: 'main', sha: 'b' }, head: { sha: 'h', repo: null }, user: { login: 'a' } });
    await expect(gh.pullRequest({ ...pr, number: 9 })).resolves.toMatchObject({ headSha: 'h' });

    nock(API, { reqheaders: { authorization: 'token ghs_secret' } })
      .post('/repos/o/r/issues/7/comments')
      .reply(422, { message: 'Body is too long (maximum is 65536 characters)' });
    nock(API, { reqheaders: { authorization: 'token ghs_secret' } })
      .get('/repos/o/r/pulls/7')
      .reply(400, { message: 'Problems parsing JSON near "ghs_secret"' });
    const errors = [await rejection(gh.createComment(pr, 'x')), await rejection(gh.pullRequest(pr))];
    expect(errors.map((e) => e.message)).toEqual([
      'GitHub POST /repos/o/r/issues/7/comments answered 422: Body is too long (maximum is 65536 characters)',
      'GitHub GET /repos/o/r/pulls/7 answered 400: Problems parsing JSON near "[REDACTED]"',
    ]);
    for (const error of errors) expect(error.message).not.toContain('ghs_secret');
    expect(inspect(errors[0], { depth: 10 })).not.toContain('ghs_secret');
  });

  it('names the token call when the installation token cannot be had', async () => {
    const probot = new Probot({ appId: 123, privateKey, Octokit: perfbotOctokit({ retryBaseMs: 5 }), logLevel: 'fatal' });
    nock(API).post('/app/installations/43/access_tokens').reply(404, { message: 'Not Found' });
    const error = await rejection(new OctokitGitHub(await probot.auth(43)).cloneToken());
    expect(error.message).toBe('GitHub POST /app/installations/43/access_tokens answered 404: Not Found');
  });
});
