import { randomBytes } from 'node:crypto';
import { makeToid, toidParts } from '../../core/domain/toid.js';
import type { OperationRecord, PaymentRecord } from '../../core/sources/horizon.js';
import type { WorldAppend } from './horizonStreams.js';
import { APPEND_PATH } from './server.js';

/**
 * A new sale for live-mode tests: the newest sale of a running fake Horizon, cloned into a new transaction in a
 * new ledger (new hash, paging tokens, time), and appended through the server's test endpoint, so open streams
 * get it as Horizon would push a sale that just happened. Works over HTTP, so the e2e's separate fake-world
 * process takes it as the in-process server of a unit test does.
 */
export interface NewSale {
  hash: string;
  pagingToken: string;
  recipient: string;
  createdAt: string;
}

interface HalPage<T> {
  _embedded?: { records?: T[] };
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** The clone of one sale (its payment with the joined transaction, and its operations) into `ledger`. */
export function cloneSale(payment: PaymentRecord, ops: OperationRecord[], ledger: number, createdAt: string, hash = randomBytes(32).toString('hex')): WorldAppend & { sale: NewSale } {
  const moved = (token: string) => {
    const p = toidParts(BigInt(token));
    return makeToid(ledger, p.txOrder, p.opOrder).toString();
  };
  const tx = payment.transaction ? { ...payment.transaction, hash, ledger, created_at: createdAt, paging_token: makeToid(ledger, toidParts(BigInt(payment.paging_token)).txOrder, 0).toString() } : undefined;
  const newOps = ops.map((o) => ({ ...o, id: moved(o.paging_token), paging_token: moved(o.paging_token), transaction_hash: hash, created_at: createdAt }));
  const payments: Record<string, PaymentRecord[]> = {};
  for (const o of newOps) {
    const record: PaymentRecord = { ...o, created_at: createdAt, ...(tx ? { transaction: tx } : {}) };
    for (const account of new Set([o.from, o.to].filter((a): a is string => typeof a === 'string'))) (payments[account] ??= []).push(record);
  }
  const token = moved(payment.paging_token);
  return { payments, operations: { [hash]: newOps }, sale: { hash, pagingToken: token, recipient: payment.to ?? '', createdAt } };
}

/** Clones the newest CarbonSINK payment of `sinkIssuer` on the fake Horizon at `baseUrl` into the next ledger. */
export async function appendNewSale(baseUrl: string, sinkIssuer: string, createdAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')): Promise<NewSale> {
  const page = await getJson<HalPage<PaymentRecord>>(`${baseUrl}/accounts/${sinkIssuer}/payments?order=desc&limit=50&join=transactions`);
  const newest = (page._embedded?.records ?? []).find((r) => r.type_i === 1 && r.from === sinkIssuer && r.asset_code === 'CarbonSINK');
  if (!newest) throw new Error(`the fake Horizon at ${baseUrl} has no sale of ${sinkIssuer} to clone`);
  const ops = (await getJson<HalPage<OperationRecord>>(`${baseUrl}/transactions/${newest.transaction_hash}/operations?limit=200`))._embedded?.records ?? [];
  const root = await getJson<{ history_latest_ledger: number }>(`${baseUrl}/`);
  const clone = cloneSale(newest, ops, root.history_latest_ledger + 1, createdAt);
  const res = await fetch(`${baseUrl}${APPEND_PATH}`, { method: 'POST', body: JSON.stringify({ payments: clone.payments, operations: clone.operations }) });
  if (!res.ok) throw new Error(`append to the fake Horizon: HTTP ${res.status} ${await res.text()}`);
  return clone.sale;
}
