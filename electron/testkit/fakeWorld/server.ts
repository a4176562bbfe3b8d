import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SourceSettings } from '../../core/config.js';
import type { PaymentRecord } from '../../core/sources/horizon.js';
import { FaultQueue, problemBody, type Fault } from './faults.js';
import { renderPoolReport } from './poolHtml.js';
import type { World } from './world.js';

export const SEARCH_PATH = '/uiapi/asset/asset/search';
export const REPORT_PATH = '/mymodule/rpt/myRpt.asp';
/** Links in answers name the public host, as captured pages do: clients must not follow them blindly. */
const LINK_HOST = 'https://horizon.stellar.org';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  status: number;
  fault?: Fault['kind'];
}

interface Reply {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
  /** The report is an old ASP page in iso-8859-1; everything else is UTF-8. */
  encoding?: BufferEncoding;
}

/** A fake Horizon + Verra on 127.0.0.1 serving a World, with fault injection and a request log. */
export class FakeWorldServer {
  readonly faults = new FaultQueue();
  readonly log: RequestLogEntry[] = [];
  private server: http.Server | null = null;
  private baseUrl = '';
  private readonly hanging = new Set<http.ServerResponse>();
  /** The last successful body per path, for the 'repeat-previous' fault. */
  private readonly lastBody = new Map<string, Reply>();

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

  requestCount(filter?: (e: RequestLogEntry) => boolean): number {
    return filter ? this.log.filter(filter).length : this.log.length;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    const entry: RequestLogEntry = { method: req.method ?? 'GET', path: u.pathname, query: u.search, status: 0 };
    this.log.push(entry);
    const fault = this.faults.take(u.pathname);
    if (fault) entry.fault = fault.kind;
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
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/accounts\/([A-Z0-9]{56})\/payments$/.exec(path))) return this.payments(m[1] as string, u);
    if (method === 'GET' && (m = /^\/transactions\/([0-9a-f]{64})\/operations$/.exec(path))) return this.operations(m[1] as string);
    if (method === 'POST' && path === SEARCH_PATH) return this.search(u, body);
    if (method === 'GET' && path === REPORT_PATH) {
      const sub = Number(u.searchParams.get('idSubAccount'));
      if (u.searchParams.get('r') !== '205') return { status: 404, type: 'text/html', body: '<html>no such report</html>' };
      const batches = this.world.verra.pool.filter((b) => b.sub_account_id === sub);
      return { status: 200, type: 'text/html; charset=iso-8859-1', body: renderPoolReport(batches, sub), encoding: 'latin1' };
    }
    return { status: 404, type: 'application/problem+json', body: problemBody(404, `no route for ${method} ${path}`) };
  }

  private payments(account: string, u: URL): Reply {
    const q = u.searchParams;
    const cursorText = q.get('cursor') ?? '';
    const cursor = cursorText === '' ? -1n : BigInt(cursorText);
    const limit = Math.min(200, Number(q.get('limit') ?? 10));
    const desc = q.get('order') === 'desc';
    const join = q.get('join') === 'transactions';
    const { sorted, tokens } = this.sortedPayments(account);
    // Binary search: the benchmark's 50k-payment world would otherwise sort and filter every record per page.
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tokens[mid] as bigint) <= cursor) lo = mid + 1;
      else hi = mid;
    }
    let window: PaymentRecord[];
    if (!desc) window = sorted.slice(lo, lo + limit);
    else {
      // Strictly before the cursor (or from the newest without one), newest first.
      let end = tokens.length;
      if (cursor >= 0n) {
        end = lo;
        while (end > 0 && (tokens[end - 1] as bigint) >= cursor) end--;
      }
      window = sorted.slice(Math.max(0, end - limit), end).reverse();
    }
    const page = window.map((r) => (join ? r : withoutTransaction(r)));
    const last = page[page.length - 1]?.paging_token ?? cursorText;
    const base = `${LINK_HOST}/accounts/${account}/payments`;
    const extra = join ? '&join=transactions' : '';
    return json({
      _links: {
        self: { href: `${base}?cursor=${cursorText}${extra}&limit=${limit}&order=${desc ? 'desc' : 'asc'}` },
        next: { href: `${base}?cursor=${last}${extra}&limit=${limit}&order=${desc ? 'desc' : 'asc'}` },
      },
      _embedded: { records: page },
    });
  }

  private readonly sortCache = new Map<string, { source: PaymentRecord[]; length: number; sorted: PaymentRecord[]; tokens: bigint[] }>();

  /** An account's payments by paging_token, cached until the world's list for it is replaced or grows. */
  private sortedPayments(account: string): { sorted: PaymentRecord[]; tokens: bigint[] } {
    const source = this.world.horizon.payments[account] ?? [];
    const hit = this.sortCache.get(account);
    if (hit && hit.source === source && hit.length === source.length) return hit;
    const sorted = [...source].sort((a, b) => cmp(BigInt(a.paging_token), BigInt(b.paging_token)));
    const entry = { source, length: source.length, sorted, tokens: sorted.map((r) => BigInt(r.paging_token)) };
    this.sortCache.set(account, entry);
    return entry;
  }

  private operations(hash: string): Reply {
    const ops = this.world.horizon.operations[hash];
    if (!ops) return { status: 404, type: 'application/problem+json', body: problemBody(404, `transaction ${hash} not found`) };
    return json({ _links: {}, _embedded: { records: ops.slice(0, 10) } });
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

function json(v: unknown): Reply {
  return { status: 200, type: 'application/hal+json; charset=utf-8', body: JSON.stringify(v) };
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

function withoutTransaction(r: PaymentRecord): PaymentRecord {
  const { transaction: _omit, ...rest } = r;
  void _omit;
  return rest;
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
