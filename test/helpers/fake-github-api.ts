/**
 * GitHub's REST routes the App uses, answered by a real HTTP handler (for the App in a
 * process of its own, where nock cannot reach): installation tokens, the App's slug, check
 * runs, issue comments and collaborator permissions, under GHE's `/api/v3`. Every request is
 * recorded with its body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ApiRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: Record<string, unknown> | null;
}

/** A fake of GitHub's REST API for one installation token. */
export class FakeGitHubApi {
  readonly requests: ApiRequest[] = [];
  private nextId = 100;
  private readonly comments = new Map<string, { id: number; body: string; user: { login: string; type: string } }[]>();

  constructor(private readonly token: string) {}

  /** The handler for `GitHttpServer`'s `other` option. */
  readonly handle = (req: IncomingMessage, res: ServerResponse, raw: Buffer): boolean => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith('/api/v3/')) return false;
    const path = url.pathname.slice('/api/v3'.length);
    const body = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : null;
    this.requests.push({ method: req.method ?? 'GET', path, authorization: req.headers.authorization ?? null, body });
    const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    const m = (re: RegExp) => re.exec(path);
    let r: RegExpExecArray | null;
    if (req.method === 'POST' && m(/^\/app\/installations\/\d+\/access_tokens$/)) {
      json(201, { token: this.token, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: 'all' });
    } else if (req.method === 'GET' && path === '/app') {
      json(200, { id: 1, slug: 'perfbot', name: 'perfbot' });
    } else if (req.method === 'POST' && m(/^\/repos\/[^/]+\/[^/]+\/check-runs$/)) {
      json(201, { id: this.nextId++ });
    } else if (req.method === 'PATCH' && (r = m(/^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/))) {
      json(200, { id: Number(r[1]) });
    } else if (req.method === 'GET' && (r = m(/^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/))) {
      json(200, this.comments.get(`${r[1]}#${r[2]}`) ?? []);
    } else if (req.method === 'POST' && (r = m(/^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/))) {
      const comment = { id: this.nextId++, body: String(body?.body ?? ''), user: { login: 'perfbot[bot]', type: 'Bot' } };
      const key = `${r[1]}#${r[2]}`;
      this.comments.set(key, [...(this.comments.get(key) ?? []), comment]);
      json(201, comment);
    } else if (req.method === 'PATCH' && (r = m(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/))) {
      json(200, { id: Number(r[1]) });
    } else if (req.method === 'GET' && m(/^\/repos\/[^/]+\/[^/]+\/collaborators\/[^/]+\/permission$/)) {
      json(200, { permission: 'write', role_name: 'write' });
    } else {
      json(404, { message: 'Not Found' });
    }
    return true;
  };
}
