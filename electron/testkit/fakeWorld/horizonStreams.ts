import type http from 'node:http';
import type { OperationRecord, PaymentRecord } from '../../core/sources/horizon.js';
import type { World } from './world.js';

/**
 * Horizon's streaming mode over a World: GET /accounts/{id}/payments with `Accept: text/event-stream` answers
 * `retry`, the `"hello"` message, then every payment after the cursor (`now`: after the latest ledger) as an event
 * whose id is its paging token, and keeps the connection open; records appended to the world later (append) are
 * pushed to every open stream of their account. closeAll sends `"byebye"` and ends the streams, as Horizon does;
 * dropAll cuts them (a network failure).
 */
export interface WorldAppend {
  payments?: Record<string, PaymentRecord[]>;
  operations?: Record<string, OperationRecord[]>;
}

interface Subscriber {
  account: string;
  res: http.ServerResponse;
  after: bigint;
  join: boolean;
}

export class HorizonStreams {
  private readonly subscribers = new Set<Subscriber>();

  constructor(private readonly world: () => World) {}

  get open(): number {
    return this.subscribers.size;
  }

  /** Answers a streaming request; `held` keeps the response so the server's close can cut it. */
  serve(account: string, u: URL, req: http.IncomingMessage, res: http.ServerResponse, held: Set<http.ServerResponse>): void {
    const cursorText = String(req.headers['last-event-id'] ?? u.searchParams.get('cursor') ?? 'now');
    const latest = BigInt(this.world().horizon.latestLedger + 1) << 32n;
    const after = cursorText === 'now' ? latest - 1n : /^\d{1,19}$/.test(cursorText) ? BigInt(cursorText) : null;
    if (after === null) {
      res.writeHead(400, { 'Content-Type': 'application/problem+json' });
      res.end(JSON.stringify({ status: 400, title: 'Bad Request', detail: `cursor ${JSON.stringify(cursorText)} is not a paging token or "now"` }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write('retry: 1000\nevent: open\ndata: "hello"\n\n');
    const sub: Subscriber = { account, res, after, join: u.searchParams.get('join') === 'transactions' };
    this.subscribers.add(sub);
    held.add(res);
    const drop = () => {
      this.subscribers.delete(sub);
      held.delete(res);
    };
    req.on('close', drop);
    res.on('close', drop);
    this.send(sub);
  }

  /** Adds records to the world (payments per account, operations per transaction) and pushes them to open streams. */
  append(add: WorldAppend): void {
    const h = this.world().horizon;
    for (const [account, records] of Object.entries(add.payments ?? {})) {
      (h.payments[account] ??= []).push(...records);
      for (const r of records) h.latestLedger = Math.max(h.latestLedger, Number(BigInt(r.paging_token) >> 32n));
    }
    Object.assign(h.operations, add.operations ?? {});
    for (const sub of this.subscribers) this.send(sub);
  }

  /** Ends every stream as Horizon does when it closes one ("byebye"); clients reconnect after the last id. */
  closeAll(): void {
    for (const sub of this.subscribers) sub.res.end('event: close\ndata: "byebye"\n\n');
    this.subscribers.clear();
  }

  /** Cuts every stream without a word (a dropped connection). */
  dropAll(): void {
    for (const sub of this.subscribers) sub.res.destroy();
    this.subscribers.clear();
  }

  private send(sub: Subscriber): void {
    const records = (this.world().horizon.payments[sub.account] ?? [])
      .filter((r) => BigInt(r.paging_token) > sub.after)
      .sort((a, b) => (BigInt(a.paging_token) < BigInt(b.paging_token) ? -1 : 1));
    for (const r of records) {
      const { transaction, ...bare } = r;
      sub.res.write(`id: ${r.paging_token}\ndata: ${JSON.stringify(sub.join ? { ...bare, transaction } : bare)}\n\n`);
      sub.after = BigInt(r.paging_token);
    }
  }
}
