import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SOURCE_CONFIG } from '../../core/config.js';
import { testHorizon } from '../../core/settings/testHorizon.js';
import { hasShared, SC_DATA_DIR } from '../sharedDir.js';
import { worldFromScData, worldSlice } from './fromScData.js';
import { elderLedgerKeeping, ledgerAfter, newestRecordDate, prunedWorld } from './history.js';
import { PUBLIC_NETWORK_PASSPHRASE } from './horizonRoutes.js';
import { startFakeWorld, type FakeWorldServer } from './server.js';
import { emptyWorld, type World } from './world.js';

const { sinkIssuer: SINK, carbonIssuer: ISSUER, carbonDistributor: DISTRIBUTOR, firstSinkCursor } = DEFAULT_SOURCE_CONFIG;
const FIRST_SINK = '61d4ff5516b7098bbc2219d244e7f29a039c32735e1c16d1c05d66a0739727d9';
const FIRST_KEPT_SINK = '97e0e67947d9094d6556a11ada0be88f2e279581bcbd9135e7c7935e2bc2e633'; // 2024-10-13T12:47:14
const FIRST_MINT = '61efb636bd2fb32efbd9a6379cd3ba55a96fb200ef3c523568168374d0aa0980';
const LONE_OUTFLOW = '8d2a2faf9af743cedb0fbb53043ca0acc7fc1320ef113adc49a954e1e6162eb2'; // 6 CARBON, no sink in its tx

interface Rec {
  paging_token: string;
  transaction_hash: string;
  created_at: string;
  transaction?: { hash: string; memo_type: string; memo?: string };
}
interface Page {
  _embedded: { records: Rec[] };
}

const ledgerOf = (token: string) => Number(BigInt(token) >> 32n);

let server: FakeWorldServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(world: World): Promise<FakeWorldServer> {
  server = await startFakeWorld(world);
  return server;
}

async function get<T = Page>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${(server as FakeWorldServer).url}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

describe('fake Horizon root document', () => {
  it('reports full history as elder ledger 2, a pruned one as its elder ledger, and testHorizon reads it', async () => {
    const world = emptyWorld();
    world.horizon.latestLedger = 58_000_000;
    await serve(world);
    const full = await get<Record<string, unknown>>('/');
    expect(full.status).toBe(200);
    expect(full.body).toEqual({
      _links: {},
      horizon_version: 'fake',
      core_latest_ledger: 58_000_000,
      history_latest_ledger: 58_000_000,
      history_elder_ledger: 2,
      network_passphrase: PUBLIC_NETWORK_PASSPHRASE,
    });
    (server as FakeWorldServer).world = prunedWorld(world, 52_000_000, 'clamp');
    expect((await get<Record<string, unknown>>('/')).body.history_elder_ledger).toBe(52_000_000);
    const tested = await testHorizon((server as FakeWorldServer).url, 5000);
    expect(tested).toMatchObject({ latestLedger: 58_000_000, historyElderLedger: 52_000_000, horizonVersion: 'fake', networkPassphrase: PUBLIC_NETWORK_PASSPHRASE });
    expect((server as FakeWorldServer).log.map((e) => e.path)).toEqual(['/', '/', '/']);
  });
});

describe.skipIf(!hasShared)('fake Horizon with pruned history', () => {
  const full = () => worldFromScData(SC_DATA_DIR);
  /** Public Horizon: about a year before the newest record (2025-08-18), so from the 2024-10-13 sales on. */
  const yearOf = (w: World) => elderLedgerKeeping(w, 365);

  it('finds the ledger after a date, and the elder ledger of a one-year window', () => {
    const w = full();
    expect(newestRecordDate(w)).toBe('2025-08-18T14:19:09Z');
    const kept = w.horizon.payments[SINK]?.find((p) => p.transaction_hash === FIRST_KEPT_SINK);
    expect(yearOf(w)).toBe(ledgerOf(kept?.paging_token ?? '0'));
    expect(ledgerAfter(w, '2024-08-18')).toBe(yearOf(w));
    expect(ledgerAfter(w, '2024-10-13T12:47:13')).toBe(yearOf(w));
    expect(ledgerAfter(w, '2024-10-13T12:47:14Z')).toBeGreaterThan(yearOf(w));
    expect(ledgerAfter(w, '2025-08-18')).toBe(w.horizon.latestLedger);
    const pruned = prunedWorld(w, yearOf(w), '410');
    expect(pruned.horizon.history).toEqual({ elderLedger: yearOf(w), mode: '410' });
    expect(w.horizon.history).toBeUndefined();
    expect(worldSlice(pruned, '2025-01-31').horizon.history).toEqual(pruned.horizon.history);
  });

  it("clamps an old cursor to the oldest kept record ('clamp'), and never serves pruned records", async () => {
    const w = full();
    const elder = yearOf(w);
    await serve(prunedWorld(w, elder, 'clamp'));
    const asc = await get(`/accounts/${SINK}/payments?cursor=${firstSinkCursor}&order=asc&limit=200&join=transactions`);
    expect(asc.status).toBe(200);
    const records = asc.body._embedded.records;
    expect(records).toHaveLength(11); // the sales of 2024-10-13 … 2025-08-18
    expect(records[0]?.transaction_hash).toBe(FIRST_KEPT_SINK);
    expect(records.every((r) => ledgerOf(r.paging_token) >= elder)).toBe(true);
    const desc = await get(`/accounts/${SINK}/payments?order=desc&limit=200`);
    expect(desc.body._embedded.records.map((r) => r.paging_token)).toEqual(records.map((r) => r.paging_token).reverse());
    const later = await get(`/accounts/${SINK}/payments?cursor=${records[4]?.paging_token}&order=asc&limit=200`);
    expect(later.body._embedded.records).toHaveLength(6);
    const before = await get(`/accounts/${SINK}/payments?cursor=${records[0]?.paging_token}&order=desc&limit=200`);
    expect(before.body._embedded.records).toEqual([]);
  });

  it("answers 410 before_history for a cursor below the elder ledger ('410')", async () => {
    const w = full();
    const elder = yearOf(w);
    await serve(prunedWorld(w, elder, '410'));
    const old = await get<{ type: string; status: number }>(`/accounts/${SINK}/payments?cursor=${firstSinkCursor}&order=asc&limit=200`);
    expect(old.status).toBe(410);
    expect(old.body).toMatchObject({ type: 'https://stellar.org/horizon-errors/before_history', status: 410 });
    const fresh = await get(`/accounts/${SINK}/payments?cursor=${BigInt(elder) << 32n}&order=asc&limit=200`);
    expect(fresh.status).toBe(200);
    expect(fresh.body._embedded.records[0]?.transaction_hash).toBe(FIRST_KEPT_SINK);
    expect((server as FakeWorldServer).log.map((e) => e.status)).toEqual([410, 200]);
  });

  it('answers 404 for transactions, operations and ledgers older than its history', async () => {
    const w = full();
    const elder = yearOf(w);
    await serve(prunedWorld(w, elder, 'clamp'));
    expect((await get(`/transactions/${FIRST_SINK}`)).status).toBe(404);
    expect((await get(`/transactions/${FIRST_SINK}/operations`)).status).toBe(404);
    expect((await get(`/transactions/${FIRST_MINT}/operations`)).status).toBe(404);
    expect((await get(`/ledgers/${elder - 1}`)).status).toBe(404);
    expect((await get(`/transactions/${FIRST_KEPT_SINK}`)).status).toBe(200);
    expect((await get(`/transactions/${FIRST_KEPT_SINK}/operations`)).status).toBe(200);
    expect((await get<{ closed_at: string }>(`/ledgers/${elder}`)).body.closed_at).toBe('2024-10-13T12:47:14Z');
    expect((await get(`/transactions/${'f'.repeat(64)}`)).status).toBe(404);
  });

  it('serves a transaction as joined on its payments, and its operations with limit and join=transactions', async () => {
    const w = full();
    await serve(w);
    const tx = await get<{ hash: string; memo_type: string; memo: string; ledger: number }>(`/transactions/${FIRST_SINK}`);
    expect(tx.body).toMatchObject({ hash: FIRST_SINK, memo_type: 'text', memo: 'Public Node Carbon Offset', ledger: 38375548 });
    const listed = w.horizon.operations[FIRST_SINK] ?? [];
    const plain = await get(`/transactions/${FIRST_SINK}/operations`);
    expect(plain.body._embedded.records).toEqual(listed.slice(0, 10));
    expect(plain.body._embedded.records.every((r) => r.transaction === undefined)).toBe(true);
    const two = await get(`/transactions/${FIRST_SINK}/operations?limit=2&join=transactions`);
    expect(two.body._embedded.records.map((r) => r.paging_token)).toEqual(listed.slice(0, 2).map((r) => r.paging_token));
    expect(two.body._embedded.records.every((r) => r.transaction?.hash === FIRST_SINK && r.transaction.memo_type === 'text')).toBe(true);
    const rest = await get(`/transactions/${FIRST_SINK}/operations?cursor=${listed[1]?.paging_token}&limit=200`);
    expect(rest.body._embedded.records).toEqual(listed.slice(2));
    expect((await get(`/transactions/${FIRST_SINK}/operations?limit=201`)).status).toBe(400);
  });

  it('synthesizes the operations of a mint tx and of a lone distribution outflow from their payment records', async () => {
    const w = full();
    expect(w.horizon.operations[FIRST_MINT]).toBeUndefined();
    await serve(w);
    // The mint is listed under both the issuer and the distributor: one operation, not two.
    const mint = await get(`/transactions/${FIRST_MINT}/operations?join=transactions`);
    expect(mint.body._embedded.records).toHaveLength(1);
    expect(mint.body._embedded.records[0]).toMatchObject({ paging_token: '164806777139924993', from: ISSUER, to: DISTRIBUTOR, transaction: { memo_type: 'hash' } });
    expect((await get(`/transactions/${FIRST_MINT}/operations`)).body._embedded.records[0]?.transaction).toBeUndefined();
    const lone = await get(`/transactions/${LONE_OUTFLOW}/operations`);
    expect(lone.body._embedded.records.map((r) => r.paging_token)).toEqual(['179027336548462593']);
    const tx = await get(`/transactions/${LONE_OUTFLOW}`);
    expect(tx.body).toEqual({
      id: LONE_OUTFLOW,
      hash: LONE_OUTFLOW,
      ledger: 41683050,
      created_at: '2022-07-09T11:42:34Z',
      paging_token: String((179027336548462593n >> 12n) << 12n),
      successful: true,
      memo_type: 'none',
      source_account: DISTRIBUTOR,
    });
  });

  it('dates a ledger by the first record in it or after it, else the newest before it', async () => {
    const w = full();
    await serve(w);
    const kept = w.horizon.payments[SINK]?.find((p) => p.transaction_hash === FIRST_KEPT_SINK);
    const ledger = ledgerOf(kept?.paging_token ?? '0');
    const at = await get<{ sequence: number; closed_at: string }>(`/ledgers/${ledger}`);
    expect(at.body).toMatchObject({ sequence: ledger, closed_at: '2024-10-13T12:47:14Z' });
    expect((await get<{ closed_at: string }>(`/ledgers/${ledger - 1000}`)).body.closed_at).toBe('2024-10-13T12:47:14Z');
    expect((await get<{ closed_at: string }>(`/ledgers/${w.horizon.latestLedger}`)).body.closed_at).toBe('2025-08-18T14:19:09Z');
    expect((await get(`/ledgers/${w.horizon.latestLedger + 1}`)).status).toBe(404);
  });
});
