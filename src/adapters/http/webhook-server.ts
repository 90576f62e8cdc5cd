import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, type Probot } from 'probot';

/** Options of {@link startWebhookServer}. */
export interface WebhookServerOptions {
  probot: Probot;
  /** The app's handlers (`perfbotApp(runtime)`). */
  appFn: (app: Probot) => void;
  host: string;
  /** 0 for a free port. */
  port: number;
  webhookPath: string;
  /** Larger bodies are refused with 413 before any of them is parsed. */
  maxBodyBytes: number;
  log(line: string): void;
}

/** The server, listening. */
export interface WebhookServer {
  /** The port it listens on. */
  port: number;
  /** `http://host:port` */
  url: string;
  close(): Promise<void>;
}

/**
 * The App's HTTP edge on `node:http`: POSTs to the webhook path are read up to
 * `maxBodyBytes` (a longer body gets 413 and is not read further), then verified and
 * dispatched by Probot's webhook middleware (400 on a bad signature); `GET /ping` answers
 * `PONG`; anything else is 404.
 */
export async function startWebhookServer(o: WebhookServerOptions): Promise<WebhookServer> {
  const middleware = await createNodeMiddleware(o.appFn as never, { probot: o.probot, webhooksPath: o.webhookPath });
  const server: Server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      o.log(`webhook server: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/ping') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('PONG');
      return;
    }
    if (path !== o.webhookPath || req.method !== 'POST') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = await readCapped(req, o.maxBodyBytes);
    if (body === null) {
      o.log(`webhook delivery ${String(req.headers['x-github-delivery'] ?? '?')} refused: body over ${o.maxBodyBytes} bytes`);
      res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end(`payload larger than ${o.maxBodyBytes} bytes`);
      req.destroy();
      return;
    }
    // @octokit/webhooks' middleware takes a string body as it is instead of reading the stream.
    (req as IncomingMessage & { body?: string }).body = body;
    await middleware(req, res, () => {
      res.writeHead(404).end();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address, family } = server.address() as AddressInfo;
  return {
    port,
    url: `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** @returns the body as text, or `null` as soon as it is longer than `max` bytes */
function readCapped(req: IncomingMessage, max: number): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}
