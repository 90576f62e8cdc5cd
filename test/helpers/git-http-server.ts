/**
 * Git hosting on loopback for tests: git's own `git http-backend` (CGI) behind a `node:http`
 * server on 127.0.0.1 that, like GitHub, requires `Authorization: Basic
 * base64(x-access-token:<token>)` and answers 401 otherwise. Repositories live at
 * `/<owner>/<name>.git`. Other paths go to an optional handler (a fake REST API).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One request the server saw. */
export interface GitRequest {
  method: string;
  path: string;
  /** The raw `Authorization` header, or `null`. */
  authorization: string | null;
  /** Whether it carried the expected token. */
  authorized: boolean;
  status: number;
}

export interface GitHttpServerOptions {
  /** The token that opens the repositories (as `x-access-token`). */
  token: string;
  /** Answers requests outside `/<owner>/<name>.git/`; `false` to fall through to 404. */
  other?: (req: IncomingMessage, res: ServerResponse, body: Buffer) => boolean | Promise<boolean>;
}

const GIT_PATH = /^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+\.git)(\/.*)$/;

/** A smart-HTTP git server on 127.0.0.1. */
export class GitHttpServer {
  readonly requests: GitRequest[] = [];
  private readonly root = mkdtempSync(join(tmpdir(), 'perfbot-githost-'));
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Starts on a free port. */
  static async start(options: GitHttpServerOptions): Promise<GitHttpServer> {
    let self: GitHttpServer | null = null;
    const server = createServer((req, res) => {
      void self!.handle(req, res, options).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new GitHttpServer(server, (server.address() as AddressInfo).port);
    return self;
  }

  /** `http://127.0.0.1:PORT` */
  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** `127.0.0.1:PORT`, as GHE_HOST takes it. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The bare repository behind `owner/name`. */
  bareDir(fullName: string): string {
    return join(this.root, `${fullName}.git`);
  }

  /**
   * Serves a copy of a local repository as `owner/name` (every branch and tag); call again after
   * new commits to publish them.
   */
  publish(fullName: string, sourceDir: string): void {
    const bare = this.bareDir(fullName);
    mkdirSync(bare, { recursive: true });
    const env = { PATH: process.env.PATH ?? '', HOME: this.root, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
    execFileSync('git', ['init', '--quiet', '--bare', bare], { env });
    execFileSync('git', ['--git-dir', bare, 'fetch', '--quiet', '--prune', sourceDir, '+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'], { env });
    const head = execFileSync('git', ['-C', sourceDir, 'symbolic-ref', '--quiet', 'HEAD'], { env, encoding: 'utf8' }).trim();
    execFileSync('git', ['--git-dir', bare, 'symbolic-ref', 'HEAD', head], { env });
  }

  /** The requests that reached a repository (not the fallback handler). */
  gitRequests(): GitRequest[] {
    return this.requests.filter((r) => GIT_PATH.test(r.path.split('?')[0]!));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.root, { recursive: true, force: true });
  }

  private async handle(req: IncomingMessage, res: ServerResponse, o: GitHttpServerOptions): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const authorization = req.headers.authorization ?? null;
    const expected = `Basic ${Buffer.from(`x-access-token:${o.token}`).toString('base64')}`;
    const authorized = authorization !== null && authorization.toLowerCase() === expected.toLowerCase();
    const record = (status: number) => this.requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, authorization, authorized, status });
    const match = GIT_PATH.exec(url.pathname);
    if (!match) {
      const handled = o.other ? await o.other(req, res, body) : false;
      if (!handled) res.writeHead(404).end('not found');
      record(res.statusCode);
      return;
    }
    if (!authorized) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="perfbot test git"' }).end('authentication required');
      record(401);
      return;
    }
    const status = await this.cgi(req, res, url, body, match);
    record(status);
  }

  /** Runs `git http-backend` for one request; @returns the status it answered with */
  private cgi(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, match: RegExpExecArray): Promise<number> {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '',
      GIT_PROJECT_ROOT: this.root,
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: `/${match[1]}/${match[2]}${match[3]}`,
      QUERY_STRING: url.search.replace(/^\?/, ''),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      CONTENT_LENGTH: String(body.length),
      REMOTE_USER: 'x-access-token',
      REMOTE_ADDR: '127.0.0.1',
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
    };
    return new Promise((resolve, reject) => {
      const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.resume();
      child.on('error', reject);
      child.on('close', () => {
        const all = Buffer.concat(out);
        const split = all.indexOf('\r\n\r\n') >= 0 ? all.indexOf('\r\n\r\n') : all.indexOf('\n\n');
        const sep = all.indexOf('\r\n\r\n') >= 0 ? 4 : 2;
        const head = all.subarray(0, Math.max(0, split)).toString('latin1');
        let status = 200;
        const headers: Record<string, string> = {};
        for (const line of head.split(/\r?\n/)) {
          const at = line.indexOf(':');
          if (at < 0) continue;
          const name = line.slice(0, at).trim();
          const value = line.slice(at + 1).trim();
          if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
          else headers[name] = value;
        }
        res.writeHead(status, headers).end(all.subarray(split < 0 ? all.length : split + sep));
        resolve(status);
      });
      child.stdin.end(body);
    });
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
