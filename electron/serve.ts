import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_DOWNLOAD_PATH } from '../shared/api/export.js';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, HTTP_TOKEN_HEADER } from '../shared/contract.js';
import type { ErrorCode } from '../shared/errors.js';
import { dispatch } from './core/api/dispatch.js';
import { createHandlers } from './core/api/handlers.js';
import type { Engine } from './core/engine.js';
import { serveDownload } from './serveDownload.js';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  hostAllowed,
  newToken,
  originAllowed,
  staticFileFor,
  tokenMatches,
} from './serveGuards.js';

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (vite's outDir). */
  staticDir: string;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  BAD_INPUT: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SYNC_RUNNING: 409,
  CANCELLED: 409,
  RATE_LIMITED: 429,
};

function send(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
}

function refuse(res: http.ServerResponse, status: number, code: ErrorCode, message: string): void {
  send(res, status, { ok: false, error: { code, message } });
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The browser bridge: the built renderer plus the same handlers as Electron's IPC, over HTTP on 127.0.0.1 only.
 * Every API request must carry the per-launch token; Host and Origin must be this server.
 */
export async function startServe(engine: Engine, opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? newToken();
  const handlers = createHandlers(engine);
  const sseClients = new Set<http.ServerResponse>();
  let port = opts.port;

  const offEvents = engine.events.onAny((event, payload) => {
    const frame = `event: message\ndata: ${JSON.stringify({ event, payload })}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', err instanceof Error ? err.message : String(err));
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    if (!hostAllowed(req.headers.host, port)) return refuse(res, 421, 'FORBIDDEN', 'Host not allowed');
    if (!originAllowed(req.headers.origin, port)) return refuse(res, 403, 'FORBIDDEN', 'Origin not allowed');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname === HTTP_EVENTS_PATH) {
      if (!tokenMatches(url.searchParams.get('token'), token)) return refuse(res, 401, 'FORBIDDEN', 'Missing or wrong token');
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }

    if (url.pathname === HTTP_DOWNLOAD_PATH) return serveDownload(engine, req, res, url, token, refuse);

    if (url.pathname.startsWith(HTTP_API_PREFIX)) {
      if (!tokenMatches(req.headers[HTTP_TOKEN_HEADER] as string | undefined, token)) {
        return refuse(res, 401, 'FORBIDDEN', 'Missing or wrong token');
      }
      if (req.method !== 'POST') return refuse(res, 405, 'BAD_INPUT', 'API calls use POST');
      const name = decodeURIComponent(url.pathname.slice(HTTP_API_PREFIX.length));
      let params: unknown;
      try {
        const body = await readBody(req);
        params = body.trim() === '' ? {} : JSON.parse(body);
      } catch (err) {
        return refuse(res, 400, 'BAD_INPUT', `Request body is not valid JSON: ${(err as Error).message}`);
      }
      const controller = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) controller.abort();
      });
      const envelope = await dispatch(handlers, name, params, { via: 'http', signal: controller.signal });
      return send(res, envelope.ok ? 200 : (STATUS_OF[envelope.error.code] ?? 500), envelope);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'BAD_INPUT', 'Method not allowed');
    const file = staticFileFor(opts.staticDir, url.pathname);
    if (!file) return refuse(res, 404, 'NOT_FOUND', 'Not found');
    let data: Buffer;
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile()) return refuse(res, 404, 'NOT_FOUND', 'Not found');
      data = fs.readFileSync(file);
    } catch {
      return refuse(res, 404, 'NOT_FOUND', 'Not found');
    }
    res.writeHead(200, {
      'content-type': contentTypeFor(file),
      'content-length': data.length,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : data);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the bridge is never reachable from another machine.
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      offEvents();
      for (const client of sseClients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
