import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FaultQueue, problemBody, type Fault } from '../fakeWorld/faults.js';
import { closeServer } from '../closeServer.js';

/** Where raw.githubusercontent.com serves sc-data's dumps (the path of SC_DATA_URL's default). */
export const SC_DATA_BASE_PATH = '/stellarcarbon/sc-data/main/sc-audit';

/** The faults a static file host shows: an error status, rate limiting, a download cut mid-file, a stall, a delay. */
export type ScDataFault = Extract<Fault, { kind: 'status' | 'rate-limit' | 'reset' | 'hang' | 'slow' }>;

/** File name → content. */
export type ScDataFiles = Readonly<Record<string, string | Buffer>> | ReadonlyMap<string, string | Buffer>;

/** A directory (read in place on every request, never copied) or files held in memory. */
export type ScDataSource = string | ScDataFiles;

export interface ScDataLogEntry {
  method: string;
  path: string;
  query: string;
  /** The file asked for, or null for a path outside the base path. */
  file: string | null;
  status: number;
  fault?: ScDataFault['kind'];
}

interface FileReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const TEXT = 'text/plain; charset=utf-8';

/**
 * A fake raw.githubusercontent.com on 127.0.0.1 serving sc-data's NDJSON dumps under `<basePath>/<file>`
 * (GET and HEAD), with faults queued per file name and a request log. `source` may be replaced between requests
 * (sc-data publishing the next day's files).
 */
export class FakeScDataServer {
  readonly faults = new FaultQueue<ScDataFault>();
  readonly log: ScDataLogEntry[] = [];
  private server: http.Server | null = null;
  private origin = '';
  private readonly hanging = new Set<http.ServerResponse>();

  constructor(
    public source: ScDataSource,
    readonly basePath: string = SC_DATA_BASE_PATH,
  ) {}

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    const addr = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${addr.port}`;
    return this;
  }

  /** The base URL to put in SC_DATA_URL (no trailing slash): `<url>/<table>.ndjson` is a file. */
  get url(): string {
    return `${this.origin}${this.basePath}`;
  }

  /** The URL of one file. */
  fileUrl(file: string): string {
    return `${this.url}/${encodeURIComponent(file)}`;
  }

  requestCount(filter?: (e: ScDataLogEntry) => boolean): number {
    return filter ? this.log.filter(filter).length : this.log.length;
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    await closeServer(s, this.hanging);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const u = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const file = this.fileName(u.pathname);
    const entry: ScDataLogEntry = { method, path: u.pathname, query: u.search, file, status: 0 };
    this.log.push(entry);
    req.resume(); // a body (there should be none) is drained, not read
    const reply = this.reply(method, file);
    const fault = file === null ? undefined : this.faults.take(file);
    if (fault) entry.fault = fault.kind;
    entry.status = fault ? faultStatus(fault, reply.status) : reply.status;
    const head = method === 'HEAD';
    if (!fault) return send(res, reply, head);
    switch (fault.kind) {
      case 'slow':
        this.hanging.add(res);
        setTimeout(() => {
          this.hanging.delete(res);
          if (!res.destroyed) send(res, reply, head);
        }, fault.ms);
        return;
      case 'status':
        return send(res, problem(fault.status, problemBody(fault.status, fault.detail, fault.type, fault.title)), head);
      case 'rate-limit': {
        const r = problem(429, problemBody(429));
        r.headers['X-RateLimit-Limit'] = '5000';
        r.headers['X-RateLimit-Remaining'] = '0';
        if (fault.retryAfter !== undefined) r.headers['Retry-After'] = String(fault.retryAfter);
        if (fault.resetIn !== undefined) r.headers['X-RateLimit-Reset'] = String(fault.resetIn); // seconds to wait, as the fake world sends it
        return send(res, r, head);
      }
      case 'hang':
        this.hanging.add(res);
        return;
      case 'reset':
        // The full Content-Length is announced, half the bytes arrive, then the connection drops.
        res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(reply.body.length) });
        res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)));
        setImmediate(() => res.destroy());
        return;
    }
  }

  private reply(method: string, file: string | null): FileReply {
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: { 'Content-Type': TEXT, Allow: 'GET, HEAD' }, body: Buffer.from('405: Method Not Allowed') };
    const body = file === null ? null : this.content(file);
    if (body === null) return { status: 404, headers: { 'Content-Type': TEXT }, body: Buffer.from('404: Not Found') };
    return { status: 200, headers: { 'Content-Type': TEXT, 'Cache-Control': 'max-age=300' }, body };
  }

  /** The file named by a path under the base path (one plain name, no directories), else null. */
  private fileName(pathname: string): string | null {
    if (!pathname.startsWith(`${this.basePath}/`)) return null;
    let name: string;
    try {
      name = decodeURIComponent(pathname.slice(this.basePath.length + 1));
    } catch {
      return null;
    }
    return /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(name) ? name : null;
  }

  private content(file: string): Buffer | null {
    const src = this.source;
    if (typeof src === 'string') {
      const p = path.join(src, file);
      try {
        return fs.statSync(p).isFile() ? fs.readFileSync(p) : null;
      } catch {
        return null;
      }
    }
    const v = isMap(src) ? src.get(file) : Object.hasOwn(src, file) ? src[file] : undefined;
    if (v === undefined) return null;
    return typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
  }
}

function isMap(s: ScDataFiles): s is ReadonlyMap<string, string | Buffer> {
  return s instanceof Map;
}

function problem(status: number, body: string): FileReply {
  return { status, headers: { 'Content-Type': 'application/problem+json' }, body: Buffer.from(body) };
}

function send(res: http.ServerResponse, r: FileReply, head: boolean): void {
  res.writeHead(r.status, { ...r.headers, 'Content-Length': String(r.body.length) });
  res.end(head ? undefined : r.body);
}

/** What the log records: the injected status, 0 for a request never answered, else the real one. */
function faultStatus(f: ScDataFault, real: number): number {
  if (f.kind === 'status') return f.status;
  if (f.kind === 'rate-limit') return 429;
  return f.kind === 'hang' ? 0 : real;
}

export async function startFakeScData(source: ScDataSource, port = 0): Promise<FakeScDataServer> {
  return new FakeScDataServer(source).start(port);
}
