import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SourceSettings } from '../../core/config.js';
import { FaultQueue, problemBody, type Fault } from './faults.js';
import { HorizonRoutes } from './horizonRoutes.js';
import { HorizonStreams, type WorldAppend } from './horizonStreams.js';
import { renderPoolReport } from './poolHtml.js';
import { json, type Reply } from './reply.js';
import type { World } from './world.js';
import { closeServer } from '../closeServer.js';

export const SEARCH_PATH = '/uiapi/asset/asset/search';
export const REPORT_PATH = '/mymodule/rpt/myRpt.asp';
/** Test control (not Horizon's): POST a WorldAppend as JSON to add records and push them to open streams. */
export const APPEND_PATH = '/_world/append';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  status: number;
  fault?: Fault['kind'];
}

/**
 * A fake Horizon + Verra on 127.0.0.1 serving a World, with fault injection and a request log. Horizon's routes
 * (root, payments, transactions, operations, ledgers; pruned history) are in horizonRoutes.ts.
 */
export class FakeWorldServer {
  readonly faults = new FaultQueue();
  readonly log: RequestLogEntry[] = [];
  private server: http.Server | null = null;
  private baseUrl = '';
  private readonly hanging = new Set<http.ServerResponse>();
  /** The last successful body per path, for the 'repeat-previous' fault. */
  private readonly lastBody = new Map<string, Reply>();
  private readonly horizon = new HorizonRoutes(() => this.world);
  /** Horizon's streaming mode (Accept: text/event-stream on an account's payments). */
  readonly streams = new HorizonStreams(() => this.world);

  constructor(public world: World) {}

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    const addr = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${addr.port}`;
    return this;
  }

  get url(): string {
    return this.baseUrl;
  }

  /** Source settings pointing the engine at this server. */
  get settings(): SourceSettings {
    return {
      SC_HORIZON_URL: this.baseUrl,
      SC_VERRA_ASSET_SEARCH_URL: `${this.baseUrl}${SEARCH_PATH}`,
      SC_VERRA_REPORT_URL: `${this.baseUrl}${REPORT_PATH}`,
    };
  }

  /** Adds records to the world and pushes them to open streams (as a new ledger closing would). */
  append(add: WorldAppend): void {
    this.streams.append(add);
  }

  requestCount(filter?: (e: RequestLogEntry) => boolean): number {
    return filter ? this.log.filter(filter).length : this.log.length;
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    await closeServer(s, this.hanging);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    const entry: RequestLogEntry = { method: req.method ?? 'GET', path: u.pathname, query: u.search, status: 0 };
    this.log.push(entry);
    const fault = this.faults.take(u.pathname);
    if (fault) entry.fault = fault.kind;
    const streamed = /^\/accounts\/([A-Z0-9]{56})\/payments$/.exec(u.pathname);
    if (streamed && req.method === 'GET' && !fault && String(req.headers.accept ?? '').includes('text/event-stream')) {
      entry.status = 200;
      return this.streams.serve(streamed[1] as string, u, req, res, this.hanging);
    }
    if (req.method === 'POST' && u.pathname === APPEND_PATH) {
      try {
        this.append(JSON.parse(body) as WorldAppend);
      } catch (err) {
        entry.status = 400;
        return send(res, 400, 'application/problem+json', problemBody(400, `append: ${(err as Error).message}`), {});
      }
      entry.status = 200;
      return send(res, 200, 'application/json', JSON.stringify({ ok: true, latestLedger: this.world.horizon.latestLedger }), {});
    }
    let reply: Reply;
    try {
      reply = this.route(req.method ?? 'GET', u, body);
    } catch (err) {
      reply = { status: 400, type: 'application/problem+json', body: problemBody(400, (err as Error).message) };
    }
    entry.status = fault ? faultStatus(fault) : reply.status;
    const headers = { 'Latest-Ledger': String(this.world.horizon.latestLedger), ...reply.headers };
    const previous = this.lastBody.get(u.pathname);
    if (reply.status === 200 && (!fault || fault.kind === 'slow')) this.lastBody.set(u.pathname, reply);
    if (!fault) return send(res, reply.status, reply.type, reply.body, headers, reply.encoding);
    switch (fault.kind) {
      case 'slow':
        this.hanging.add(res);
        setTimeout(() => {
          this.hanging.delete(res);
          if (!res.destroyed) send(res, reply.status, reply.type, reply.body, headers, reply.encoding);
        }, fault.ms);
        return;
      case 'no-table':
        return send(res, 200, 'text/html', '<html><body><h1>Scheduled maintenance</h1><p>The report is not available.</p></body></html>', headers);
      case 'out-of-order':
        return send(res, 200, reply.type, reversedRecords(reply.body), headers, reply.encoding);
      case 'repeat-previous': {
        const r = previous ?? reply;
        return send(res, r.status, r.type, r.body, headers, r.encoding);
      }
      case 'status':
        return send(res, fault.status, 'application/problem+json', problemBody(fault.status, fault.detail, fault.type, fault.title), headers);
      case 'rate-limit': {
        const h: Record<string, string> = { ...headers, 'X-RateLimit-Limit': '3600', 'X-RateLimit-Remaining': '0' };
        if (fault.retryAfter !== undefined) h['Retry-After'] = String(fault.retryAfter);
        if (fault.resetIn !== undefined) h['X-RateLimit-Reset'] = String(fault.resetIn);
        return send(res, 429, 'application/problem+json', problemBody(429), h);
      }
      case 'hang':
        this.hanging.add(res);
        return;
      case 'truncated':
        return send(res, 200, reply.type, reply.body.slice(0, Math.floor(reply.body.length / 2)), headers);
      case 'non-json':
        return send(res, 200, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>', headers);
      case 'reset': {
        res.writeHead(200, { 'Content-Type': reply.type, 'Content-Length': String(Buffer.byteLength(reply.body)), ...headers });
        res.write(reply.body.slice(0, Math.floor(reply.body.length / 2)));
        setImmediate(() => res.destroy());
        return;
      }
    }
  }

  private route(method: string, u: URL, body: string): Reply {
    const path = u.pathname;
    const horizon = this.horizon.route(method, u);
    if (horizon) return horizon;
    if (method === 'POST' && path === SEARCH_PATH) return this.search(u, body);
    if (method === 'GET' && path === REPORT_PATH) {
      const sub = Number(u.searchParams.get('idSubAccount'));
      if (u.searchParams.get('r') !== '205') return { status: 404, type: 'text/html', body: '<html>no such report</html>' };
      const batches = this.world.verra.pool.filter((b) => b.sub_account_id === sub);
      return { status: 200, type: 'text/html; charset=iso-8859-1', body: renderPoolReport(batches, sub), encoding: 'latin1' };
    }
    return { status: 404, type: 'application/problem+json', body: problemBody(404, `no route for ${method} ${path}`) };
  }

  /** Verra's asset search: honours the date in $filter, $skip and maxResults (capped at the page size). */
  private search(u: URL, body: string): Reply {
    const q = u.searchParams;
    const filter = q.get('$filter') ?? '';
    if (!filter.includes("startswith(retirementDetails,'stellarcarbon')")) throw new Error(`unexpected $filter ${filter}`);
    const parsed = JSON.parse(body || '{}') as { assetStatus?: string };
    if (parsed.assetStatus !== 'RETIRED') throw new Error('body must ask for assetStatus RETIRED');
    const from = /retireOrCancelDate ge (\d{4}-\d{2}-\d{2})T00:00:00\.000Z/.exec(filter)?.[1] ?? null;
    const matches = this.world.verra.retirements.filter((r) => from === null || r.retireOrCancelDate.slice(0, 10) >= from);
    const skip = Number(q.get('$skip') ?? 0);
    const size = Math.min(Number(q.get('maxResults') ?? 2000), this.world.verra.maxPageSize ?? 2000);
    const value = matches.slice(skip, skip + size);
    const limit = this.world.verra.countLimit;
    const countExceeded = limit !== undefined && matches.length > limit;
    const totalCount = countExceeded ? (limit as number) : matches.length;
    return json({ totalCount, countExceeded, '@count': totalCount, value });
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: string, headers: Record<string, string>, encoding: BufferEncoding = 'utf8'): void {
  const bytes = Buffer.from(body, encoding);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.length), ...headers });
  res.end(bytes);
}

function faultStatus(f: Fault): number {
  if (f.kind === 'status') return f.status;
  if (f.kind === 'rate-limit') return 429;
  return f.kind === 'hang' ? 0 : 200;
}

/** A HAL page with its records reversed; other bodies unchanged. */
function reversedRecords(body: string): string {
  try {
    const page = JSON.parse(body) as { _embedded?: { records?: unknown[] } };
    page._embedded?.records?.reverse();
    return JSON.stringify(page);
  } catch {
    return body;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeWorld(world: World, port = 0): Promise<FakeWorldServer> {
  return new FakeWorldServer(world).start(port);
}
