import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyWorld } from '../../testkit/fakeWorld/world.js';
import { worldFromFixtures } from '../../testkit/fakeWorld/fromFixtures.js';
import { startFakeWorld, type FakeWorldServer } from '../../testkit/fakeWorld/server.js';
import { hasShared, sharedFixture } from '../../testkit/sharedDir.js';
import { HorizonClient, type PaymentRecord } from './horizon.js';
import { HttpClient } from './http.js';

const SINK = 'GC7CDWMCWNCY7JYUW5UBEOLNBSTNDKKZSFTHKGZNPPSOXLFYFX3CSINK';
const http = new HttpClient({ sleep: () => Promise.resolve() });

async function collect(client: HorizonClient, q: Parameters<HorizonClient['payments']>[0]): Promise<PaymentRecord[][]> {
  const pages: PaymentRecord[][] = [];
  for await (const p of client.payments(q)) pages.push(p);
  return pages;
}

describe('HorizonClient paging', () => {
  let server: FakeWorldServer;
  beforeAll(async () => {
    const world = emptyWorld();
    world.horizon.latestLedger = 58_000_123;
    // 450 payments: pages of 200, 200, 50, then an empty page ends the walk.
    world.horizon.payments[SINK] = Array.from({ length: 450 }, (_, i) => {
      const toid = (164821723627237376n + BigInt(i + 1) * 4096n).toString();
      return { id: toid, paging_token: toid, type: 'payment', type_i: 1, created_at: '2021-11-20T18:50:04Z', transaction_hash: 'a'.repeat(64), transaction: { hash: 'a'.repeat(64), created_at: '2021-11-20T18:50:04Z', memo_type: 'none' } };
    });
    server = await startFakeWorld(world);
  });
  afterAll(() => server.close());

  it('follows pages from the last paging_token on its own base URL until an empty page', async () => {
    const before = server.requestCount();
    const client = new HorizonClient(server.url, http);
    const pages = await collect(client, { account: SINK, cursor: 0n });
    expect(pages.map((p) => p.length)).toEqual([200, 200, 50]);
    expect(server.requestCount() - before).toBe(4);
    const queries = server.log.slice(before).map((e) => e.query);
    expect(queries[0]).toBe('?cursor=0&order=asc&limit=200');
    expect(queries[1]).toBe(`?cursor=${pages[0]?.[199]?.paging_token}&order=asc&limit=200`);
    expect(client.latestLedger).toBe(58_000_123);
  });

  it('starts strictly after the cursor and joins transactions only when asked', async () => {
    const client = new HorizonClient(server.url, http);
    const all = (await collect(client, { account: SINK, cursor: 0n })).flat();
    const cursor = BigInt((all[448] as PaymentRecord).paging_token);
    const plain = (await collect(client, { account: SINK, cursor })).flat();
    expect(plain).toHaveLength(1);
    expect(plain[0]?.transaction).toBeUndefined();
    const joined = (await collect(client, { account: SINK, cursor, join: true })).flat();
    expect(joined[0]?.transaction?.memo_type).toBe('none');
    expect(server.log.at(-2)?.query).toContain('join=transactions');
  });

  it('returns no page when nothing follows the cursor', async () => {
    const world = emptyWorld();
    world.horizon.payments[SINK] = [{ id: '5', paging_token: '5', type: 'payment', type_i: 1, created_at: '2021-11-20T18:50:04Z', transaction_hash: 'b'.repeat(64) }];
    const s = await startFakeWorld(world);
    try {
      await expect(collect(new HorizonClient(s.url, http), { account: SINK, cursor: 10n })).resolves.toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe.skipIf(!hasShared)('HorizonClient on the captured fixtures', () => {
  let server: FakeWorldServer;
  beforeAll(async () => {
    server = await startFakeWorld(worldFromFixtures());
  });
  afterAll(() => server.close());

  it('reads the captured sinking page and a transaction’s operations', async () => {
    const client = new HorizonClient(server.url, http);
    const records = (await collect(client, { account: SINK, cursor: 164821723627237376n, join: true })).flat();
    const captured = JSON.parse(fs.readFileSync(sharedFixture('horizon', 'sinking_payments_page.json'), 'utf8')) as { _embedded: { records: PaymentRecord[] } };
    expect(records).toEqual(captured._embedded.records);
    const ops = await client.transactionOperations('61d4ff5516b7098bbc2219d244e7f29a039c32735e1c16d1c05d66a0739727d9');
    expect(ops.map((o) => o.type_i)).toEqual([6, 6, 2, 1, 1, 21, 1, 21]);
  });

  it('reports a missing transaction as NOT_FOUND naming the URL', async () => {
    const client = new HorizonClient(server.url, http);
    await expect(client.transactionOperations('f'.repeat(64))).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(`/transactions/${'f'.repeat(64)}/operations`) });
  });
});
