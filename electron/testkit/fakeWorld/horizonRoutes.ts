import { makeToid, toidParts } from '../../core/domain/toid.js';
import type { OperationRecord, PaymentRecord } from '../../core/sources/horizon.js';
import { json, problem, type Reply } from './reply.js';
import type { World } from './world.js';

/** Links in answers name the public host, as captured pages do: clients must not follow them blindly. */
export const LINK_HOST = 'https://horizon.stellar.org';
export const PUBLIC_NETWORK_PASSPHRASE = 'Public Global Stellar Network ; September 2015';
/** What a full-history Horizon reports as its elder ledger. */
const FULL_HISTORY_ELDER = 2;

/** The fields of a payment or operation record that dating, joining and synthesizing read. */
type AnyRecord = (PaymentRecord | OperationRecord) & { created_at?: string; source_account?: string };

interface AccountIndex {
  source: PaymentRecord[];
  length: number;
  sorted: PaymentRecord[];
  tokens: bigint[];
}

/** Every account's payments at once: by transaction hash, and deduplicated by paging_token in ascending order. */
interface AllIndex {
  key: unknown[];
  byHash: Map<string, PaymentRecord[]>;
  sorted: PaymentRecord[];
  tokens: bigint[];
}

/**
 * Horizon's routes over a World: root, account payments, transactions, their operations and ledgers. With
 * world.horizon.history set, nothing in a ledger below the elder ledger is served (see HorizonHistory).
 */
export class HorizonRoutes {
  private readonly accounts = new Map<string, AccountIndex>();
  private all: AllIndex | null = null;

  /** `world` is read on every request: a test may replace the server's world between catch-ups. */
  constructor(private readonly world: () => World) {}

  /** The answer for a Horizon path, or null when the path is not Horizon's. */
  route(method: string, u: URL): Reply | null {
    if (method !== 'GET') return null;
    const path = u.pathname;
    let m: RegExpExecArray | null;
    if (path === '/') return this.root();
    if ((m = /^\/accounts\/([A-Z0-9]{56})\/payments$/.exec(path))) return this.payments(m[1] as string, u);
    if ((m = /^\/transactions\/([0-9a-f]{64})\/operations$/.exec(path))) return this.operations(m[1] as string, u);
    if ((m = /^\/transactions\/([0-9a-f]{64})$/.exec(path))) return this.transaction(m[1] as string);
    if ((m = /^\/ledgers\/(\d{1,10})$/.exec(path))) return this.ledger(Number(m[1]));
    return null;
  }

  private get horizon(): World['horizon'] {
    return this.world().horizon;
  }

  /** Ledgers below this are pruned (0 with full history: nothing is). */
  private get elder(): number {
    return this.horizon.history?.elderLedger ?? 0;
  }

  private root(): Reply {
    const h = this.horizon;
    return json({
      _links: {},
      horizon_version: 'fake',
      core_latest_ledger: h.latestLedger,
      history_latest_ledger: h.latestLedger,
      history_elder_ledger: h.history?.elderLedger ?? FULL_HISTORY_ELDER,
      network_passphrase: PUBLIC_NETWORK_PASSPHRASE,
    });
  }

  private payments(account: string, u: URL): Reply {
    const q = u.searchParams;
    const cursorText = q.get('cursor') ?? '';
    const cursor = cursorText === '' ? -1n : BigInt(cursorText);
    const limit = Math.min(200, Number(q.get('limit') ?? 10));
    const desc = q.get('order') === 'desc';
    const join = q.get('join') === 'transactions';
    const history = this.horizon.history;
    const elderToken = BigInt(this.elder) << 32n;
    if (history?.mode === '410' && cursor >= 0n && cursor < elderToken) {
      return problem(410, `cursor ${cursorText} is in ledger ${cursor >> 32n}, before the oldest ledger kept (${history.elderLedger})`);
    }
    const { sorted, tokens } = this.sortedPayments(account);
    // Binary search: the benchmark's 50k-payment world would otherwise sort and filter every record per page.
    // Pruned records lie below `floor`; a cursor before it (mode 'clamp') starts at the oldest kept record.
    const floor = firstAtOrAbove(tokens, elderToken);
    let window: PaymentRecord[];
    if (!desc) {
      const start = Math.max(floor, firstAtOrAbove(tokens, cursor + 1n));
      window = sorted.slice(start, start + limit);
    } else {
      // Strictly before the cursor (or from the newest without one), newest first.
      const end = cursor >= 0n ? firstAtOrAbove(tokens, cursor) : tokens.length;
      const start = Math.max(floor, end - limit);
      window = end > start ? sorted.slice(start, end).reverse() : [];
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

  /** The transaction (as joined on its payments, else a minimal one made from its records); 404 when pruned. */
  private transaction(hash: string): Reply {
    const info = this.transactionOf(hash);
    if (!info || info.ledger < this.elder) return problem(404, `transaction ${hash} not found`);
    return json(info.tx);
  }

  /**
   * A transaction's operations: world.horizon.operations when it lists the hash, else every payment record (of any
   * account) of that transaction, so mint txs and lone distribution outflows have operations too. Honours cursor,
   * order, limit (default 10; above 200 is a 400, as on Horizon) and join=transactions.
   */
  private operations(hash: string, u: URL): Reply {
    const q = u.searchParams;
    const join = q.get('join') === 'transactions';
    const listed = this.horizon.operations[hash];
    // Listed operations date themselves: the all-accounts index (slow to build for the benchmark's 50k sales) is
    // only needed to join or to synthesize.
    const info = listed && !join ? null : this.transactionOf(hash);
    const first = listed ? oldest(listed) : undefined;
    const ledger = info?.ledger ?? (first ? toidParts(BigInt(first.paging_token)).ledger : null);
    if ((!listed && !info) || (ledger !== null && ledger < this.elder)) return problem(404, `transaction ${hash} not found`);
    const limit = pageLimit(q.get('limit'));
    const desc = q.get('order') === 'desc';
    const cursorText = q.get('cursor') ?? '';
    const cursor = cursorText === '' ? null : BigInt(cursorText);
    let records: AnyRecord[] = listed ?? this.synthesizedOperations(hash);
    if (cursor !== null) records = records.filter((r) => (desc ? BigInt(r.paging_token) < cursor : BigInt(r.paging_token) > cursor));
    records = (desc ? [...records].reverse() : records).slice(0, limit);
    const page = join && info ? records.map((r) => ({ ...r, transaction: info.tx })) : records;
    const base = `${LINK_HOST}/transactions/${hash}/operations`;
    const extra = join ? '&join=transactions' : '';
    const last = page[page.length - 1]?.paging_token ?? cursorText;
    return json({
      _links: {
        self: { href: `${base}?cursor=${cursorText}${extra}&limit=${limit}&order=${desc ? 'desc' : 'asc'}` },
        next: { href: `${base}?cursor=${last}${extra}&limit=${limit}&order=${desc ? 'desc' : 'asc'}` },
      },
      _embedded: { records: page },
    });
  }

  /**
   * A ledger's sequence and closing time. The world only knows the times of its records, so closed_at is the
   * created_at of the first record (any account) in that ledger or a later one, else of the newest record before
   * it. 404 below the elder ledger, above latestLedger, or when the world has no records at all.
   */
  private ledger(seq: number): Reply {
    if (seq < 1 || seq < this.elder || seq > this.horizon.latestLedger) return problem(404, `ledger ${seq} not found`);
    const { sorted, tokens } = this.allIndex();
    const rec = sorted[firstAtOrAbove(tokens, BigInt(seq) << 32n)] ?? sorted[sorted.length - 1];
    if (!rec) return problem(404, `ledger ${seq}: the world has no records to date it by`);
    return json({ _links: {}, sequence: seq, paging_token: (BigInt(seq) << 32n).toString(), closed_at: rec.created_at });
  }

  /** The transaction object and its ledger: joined on a payment record if any, else synthesized; null if unknown. */
  private transactionOf(hash: string): { tx: Record<string, unknown>; ledger: number } | null {
    const recs: AnyRecord[] = this.allIndex().byHash.get(hash) ?? [];
    const first = oldest(recs.length > 0 ? recs : (this.horizon.operations[hash] ?? []));
    if (!first) return null;
    const p = toidParts(BigInt(first.paging_token));
    const joined = recs.map((r) => (r as PaymentRecord).transaction).find((t) => t !== undefined);
    if (joined) return { tx: joined as unknown as Record<string, unknown>, ledger: joined.ledger ?? p.ledger };
    const tx = {
      id: hash,
      hash,
      ledger: p.ledger,
      created_at: first.created_at,
      paging_token: makeToid(p.ledger, p.txOrder, 0).toString(),
      successful: true,
      memo_type: 'none',
      source_account: first.source_account ?? first.from ?? '',
    };
    return { tx, ledger: p.ledger };
  }

  private synthesizedOperations(hash: string): OperationRecord[] {
    const byToken = new Map<string, PaymentRecord>();
    for (const r of this.allIndex().byHash.get(hash) ?? []) if (!byToken.has(r.paging_token)) byToken.set(r.paging_token, r);
    return [...byToken.values()].sort((a, b) => cmp(BigInt(a.paging_token), BigInt(b.paging_token))).map(withoutTransaction);
  }

  /** An account's payments by paging_token, cached until the world's list for it is replaced or grows. */
  private sortedPayments(account: string): { sorted: PaymentRecord[]; tokens: bigint[] } {
    const source = this.horizon.payments[account] ?? [];
    const hit = this.accounts.get(account);
    if (hit && hit.source === source && hit.length === source.length) return hit;
    const entry = { source, length: source.length, ...sortByToken(source) };
    this.accounts.set(account, entry);
    return entry;
  }

  /** All accounts' payments, cached until the payments object, any account's list or its length changes. */
  private allIndex(): AllIndex {
    const payments = this.horizon.payments;
    const key: unknown[] = [payments];
    for (const [account, rs] of Object.entries(payments)) key.push(account, rs, rs.length);
    const hit = this.all;
    if (hit && hit.key.length === key.length && hit.key.every((k, i) => k === key[i])) return hit;
    const byHash = new Map<string, PaymentRecord[]>();
    const byToken = new Map<string, PaymentRecord>();
    for (const rs of Object.values(payments)) {
      for (const r of rs) {
        const list = byHash.get(r.transaction_hash);
        if (list) list.push(r);
        else byHash.set(r.transaction_hash, [r]);
        if (!byToken.has(r.paging_token)) byToken.set(r.paging_token, r);
      }
    }
    this.all = { key, byHash, ...sortByToken([...byToken.values()]) };
    return this.all;
  }
}

function sortByToken(records: PaymentRecord[]): { sorted: PaymentRecord[]; tokens: bigint[] } {
  const pairs = records.map((r) => [BigInt(r.paging_token), r] as const).sort((a, b) => cmp(a[0], b[0]));
  return { sorted: pairs.map((p) => p[1]), tokens: pairs.map((p) => p[0]) };
}

/** Index of the first token >= t (tokens ascending). */
function firstAtOrAbove(tokens: bigint[], t: bigint): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as bigint) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function oldest(records: AnyRecord[]): AnyRecord | undefined {
  return records.reduce<AnyRecord | undefined>((a, r) => (a === undefined || BigInt(r.paging_token) < BigInt(a.paging_token) ? r : a), undefined);
}

function pageLimit(text: string | null): number {
  if (text === null) return 10;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new Error(`limit ${JSON.stringify(text)}: must be an integer from 1 to 200`);
  return n;
}

function withoutTransaction(r: PaymentRecord): PaymentRecord {
  const { transaction: _omit, ...rest } = r;
  void _omit;
  return rest;
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
