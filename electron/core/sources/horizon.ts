import { AppError } from '../../../shared/errors.js';
import type { HttpClient } from './http.js';

/** The joined transaction fields the catch-up reads. */
export interface HorizonTransaction {
  hash: string;
  created_at: string;
  memo_type: string;
  /** Absent for memo_type none; base64 for hash memos. */
  memo?: string;
  ledger?: number;
  paging_token?: string;
  successful?: boolean;
}

/** The fields every operation record shares (a payment's are what the loaders read). */
interface OperationFields {
  id: string;
  paging_token: string;
  type: string;
  type_i: number;
  transaction_hash: string;
  from?: string;
  to?: string;
  amount?: string;
  asset_type?: string;
  asset_code?: string;
  asset_issuer?: string;
}

/** A payment-like operation as Horizon lists it under /accounts/{id}/payments. */
export interface PaymentRecord extends OperationFields {
  created_at: string;
  transaction?: HorizonTransaction;
}

/** An operation from /transactions/{hash}/operations (only the fields used for funder and assets). */
export interface OperationRecord extends OperationFields {
  source_amount?: string;
  source_asset_type?: string;
  source_asset_code?: string;
  source_asset_issuer?: string;
}

/** What Horizon's root document says about the history it holds. */
export interface HorizonRoot {
  /** Oldest ledger this Horizon can answer for (1 or 2 on a full-history instance). */
  historyElderLedger: number;
  historyLatestLedger: number | null;
}

/** An operation listed with join=transactions: the provenance check reads a whole transaction in one request. */
export type JoinedOperation = OperationRecord & PaymentRecord;

interface Page<T> {
  _embedded?: { records?: T[] };
}

export interface PaymentsQuery {
  account: string;
  /** Records strictly after this TOID. */
  cursor: bigint;
  join?: boolean;
}

const PAGE_LIMIT = 200;

/**
 * Horizon reads. Pages are followed by building the next URL from the last record's paging_token on our own base
 * URL: `_links.next` may name another host (a proxy or the public instance behind a mirror).
 */
export class HorizonClient {
  /** The highest Latest-Ledger header seen: the "as of" point of what was read. */
  latestLedger: number | null = null;
  requests = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly http: HttpClient,
  ) {}

  paymentsUrl(q: PaymentsQuery, cursor: bigint): string {
    const params = new URLSearchParams({ cursor: cursor.toString(), order: 'asc', limit: String(PAGE_LIMIT) });
    if (q.join) params.set('join', 'transactions');
    return `${this.baseUrl}/accounts/${encodeURIComponent(q.account)}/payments?${params.toString()}`;
  }

  /** Every payment of the account after the cursor, oldest first, page by page until an empty page. */
  async *payments(q: PaymentsQuery): AsyncGenerator<PaymentRecord[]> {
    let cursor = q.cursor;
    for (;;) {
      const url = this.paymentsUrl(q, cursor);
      const records = await this.page<PaymentRecord>(url);
      if (records.length === 0) return;
      // Checked before the page is handed on: a proxy or cache that reorders records or serves an earlier page
      // again would otherwise make the next cursor skip records or load some twice.
      cursor = checkAscending(records, cursor, url);
      yield records;
    }
  }

  /** The first page of a transaction's operations (Horizon's default 10, as sc-audit reads). */
  async transactionOperations(hash: string): Promise<OperationRecord[]> {
    const url = `${this.baseUrl}/transactions/${encodeURIComponent(hash)}/operations`;
    const ops = await this.page<OperationRecord>(url);
    // The funder and assets are read by position (the buyer's payment comes first): a reordered or foreign
    // list would store a wrong row without any error, so it is refused instead.
    let prev = -1n;
    for (const op of ops) {
      if (op.transaction_hash !== hash) {
        throw new AppError('SOURCE_ERROR', `${url}: the answer lists operation ${String(op.paging_token)} of another transaction (${String(op.transaction_hash)})`);
      }
      const t = parseCursor(op.paging_token, url);
      if (t <= prev) throw new AppError('SOURCE_ERROR', `${url}: the answer lists operation ${t} after ${prev}: operations out of order`);
      prev = t;
    }
    return ops;
  }

  /** Horizon's root: where its history starts. */
  async root(): Promise<HorizonRoot> {
    const url = `${this.baseUrl}/`;
    this.requests++;
    const res = await this.http.getJson<{ history_elder_ledger?: unknown; history_latest_ledger?: unknown }>(url);
    this.noteLatestLedger(res.headers);
    const elder = res.body?.history_elder_ledger;
    if (typeof elder !== 'number' || !Number.isSafeInteger(elder) || elder < 0) {
      throw new AppError('SOURCE_ERROR', `${url}: the root document has no history_elder_ledger (is this a Horizon server?)`);
    }
    const latest = res.body.history_latest_ledger;
    return { historyElderLedger: elder, historyLatestLedger: typeof latest === 'number' ? latest : null };
  }

  /** When a ledger closed (UTC 'YYYY-MM-DDTHH:MM:SSZ'), or null when this Horizon cannot say. */
  async ledgerClosedAt(sequence: number): Promise<string | null> {
    const url = `${this.baseUrl}/ledgers/${sequence}`;
    this.requests++;
    try {
      const res = await this.http.getJson<{ closed_at?: unknown }>(url);
      return typeof res.body?.closed_at === 'string' ? res.body.closed_at : null;
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  /**
   * Every operation of one transaction with the transaction joined (memo, ledger): one request re-derives a stored
   * row. Null when Horizon does not have it (404: never existed, or older than its history).
   */
  async transactionWithOperations(hash: string): Promise<JoinedOperation[] | null> {
    const url = `${this.baseUrl}/transactions/${encodeURIComponent(hash)}/operations?limit=${PAGE_LIMIT}&join=transactions`;
    try {
      const ops = await this.page<JoinedOperation>(url);
      for (const op of ops) {
        if (op.transaction_hash !== hash) throw new AppError('SOURCE_ERROR', `${url}: the answer lists an operation of another transaction (${String(op.transaction_hash)})`);
      }
      return ops;
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  private noteLatestLedger(headers: Headers): void {
    const ledger = Number(headers.get('latest-ledger'));
    if (Number.isSafeInteger(ledger) && ledger > 0) this.latestLedger = Math.max(this.latestLedger ?? 0, ledger);
  }

  private async page<T>(url: string): Promise<T[]> {
    this.requests++;
    const res = await this.http.getJson<Page<T>>(url);
    this.noteLatestLedger(res.headers);
    const records = res.body?._embedded?.records;
    if (!Array.isArray(records)) throw new AppError('SOURCE_ERROR', `${url}: the answer has no _embedded.records list`);
    return records;
  }
}

/**
 * The page's records must come strictly after the cursor and in strictly ascending paging_token order (what
 * order=asc promises). Returns the next cursor (the last record's token).
 */
function checkAscending(records: PaymentRecord[], cursor: bigint, url: string): bigint {
  let prev = cursor;
  for (const r of records) {
    const t = parseCursor(r.paging_token, url);
    if (t <= prev) {
      // A server that repeats itself would otherwise loop forever (or load a record twice).
      const what = t <= cursor ? `repeats record ${t}, at or before the cursor ${cursor} (an earlier page served again?)` : `lists record ${t} after ${prev}: records out of order`;
      throw new AppError('SOURCE_ERROR', `${url}: the page ${what}; nothing of this step was stored`);
    }
    prev = t;
  }
  return prev;
}

function parseCursor(token: string, url: string): bigint {
  if (typeof token !== 'string' || !/^\d{1,19}$/.test(token)) {
    throw new AppError('SOURCE_ERROR', `${url}: record with paging_token ${JSON.stringify(token)} is not a TOID`);
  }
  return BigInt(token);
}
