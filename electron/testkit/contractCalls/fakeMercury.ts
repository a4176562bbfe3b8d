import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer } from '../closeServer.js';

export interface MercuryLogEntry {
  authorization: string | null;
  query: string;
  status: number;
}

/**
 * A fake Mercury Retroshades on 127.0.0.1: POST {"query": "SELECT * FROM sink_event<MD5> WHERE ledger > N"} with the
 * key as Authorization; answers the events after ledger N as a JSON array, 401 for a wrong key, 400 with Postgres'
 * "does not exist" text for another table (as the real service does), and logs every request.
 */
export class FakeMercury {
  readonly log: MercuryLogEntry[] = [];
  private server: http.Server | null = null;
  private base = '';

  constructor(
    public events: Record<string, unknown>[],
    readonly key = 'test-mercury-key',
    readonly md5 = '3dd6e7b71adb9fda05a5b45a154611f3',
  ) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The URL to put in SC_RETROSHADES_URL. */
  get url(): string {
    return `${this.base}/retroshadesv1`;
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    await closeServer(s);
  }

  private answer(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const authorization = req.headers.authorization ?? null;
    let query = '';
    try {
      query = String((JSON.parse(body) as { query?: unknown }).query ?? '');
    } catch {
      query = '';
    }
    const send = (status: number, text: string, type = 'application/json') => {
      this.log.push({ authorization, query, status });
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== '/retroshadesv1') return send(404, '{"error":"not found"}');
    if (authorization !== this.key) return send(401, '{"error":"Unauthorized: invalid or missing key"}');
    const m = /^\s*SELECT \* FROM (sink_event[0-9a-z]*)\s+WHERE ledger > (\d+)\s*$/i.exec(query);
    if (!m) return send(400, `{"error":"could not parse the query"}`);
    if (m[1] !== `sink_event${this.md5}`) return send(400, `{"error":"error returned from database: relation \\"${m[1]}\\" does not exist"}`, 'text/plain');
    const after = Number(m[2]);
    send(200, JSON.stringify(this.events.filter((e) => Number(e.ledger) > after)));
  }
}

export async function startFakeMercury(events: Record<string, unknown>[], key?: string, md5?: string): Promise<FakeMercury> {
  return new FakeMercury(events, key, md5).start();
}
