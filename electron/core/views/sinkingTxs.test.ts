import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WriteDb } from '../db/types.js';
import { ACCOUNTS, addRetirement, addSale, addStatus, h, smallDb } from '../../testkit/smallDb.js';
import { getSinkingTx, listSinkingTxs } from './sinkingTxs.js';

const T = (n: number) => 2n ** 58n + BigInt(n);
const CONTRACT = 'CADQQ4EAQ4PQ4EAQ4PQ4EAQ4PQ4EAQ4PQ4EAQ4PQ4EAQ4PQ4EAQ4PQ4EAQ';

describe('sinking transactions', () => {
  let db: WriteDb;
  beforeEach(() => {
    db = smallDb();
    // 1: fully retired; 2: partly retired (status not finalized); 3: no status; 4: two statuses, last finalizes it.
    addSale(db, { hash: h(1), createdAt: '2022-01-01T00:00:00', toid: T(1), carbonKg: 1000, recipient: ACCOUNTS.a });
    addSale(db, { hash: h(2), createdAt: '2022-01-31T23:59:59', toid: T(2), carbonKg: 2500, recipient: ACCOUNTS.b, funder: ACCOUNTS.c });
    addSale(db, { hash: h(3), createdAt: '2022-02-01T00:00:00', toid: T(3), carbonKg: 15, recipient: ACCOUNTS.b, contractId: CONTRACT });
    addSale(db, { hash: h(4), createdAt: '2023-05-05T12:00:00', toid: T(4), carbonKg: 2000, recipient: ACCOUNTS.c });
    addRetirement(db, { id: 10, amount: 1, date: '2022-02-01' });
    addRetirement(db, { id: 11, amount: 2, date: '2022-03-01' });
    addRetirement(db, { id: 12, amount: 2, date: '2023-06-01' });
    addStatus(db, h(1), 10, 1000, true);
    addStatus(db, h(2), 11, 1000, false);
    addStatus(db, h(4), 12, 1000, false);
    addStatus(db, h(4), 11, 1000, true);
  });
  afterEach(() => db.close());
  const hashes = (p: { rows: { hash: string }[] }) => p.rows.map((r) => r.hash);

  it('lists newest first with exact amounts, string toids and statuses in certificate order', () => {
    const page = listSinkingTxs(db);
    expect(hashes(page)).toEqual([h(4), h(3), h(2), h(1)]);
    expect(page.nextCursor).toBeNull();
    const tx4 = page.rows[0];
    expect(tx4).toMatchObject({ carbon_amount: '2.000', dest_asset_amount: '2.0000000', source_asset_amount: '10.0000000', toid: T(4).toString() });
    expect(tx4?.statuses.map((s) => [s.certificate_id, s.amount_filled, s.finalized])).toEqual([
      [11, '1.000', true],
      [12, '1.000', false],
    ]);
    expect(page.rows[1]?.carbon_amount).toBe('0.015');
    expect(page.rows[1]?.statuses).toEqual([]);
  });

  it('splits on finalized into exact complements', () => {
    const yes = hashes(listSinkingTxs(db, { finalized: true }));
    const no = hashes(listSinkingTxs(db, { finalized: false }));
    expect(yes).toEqual([h(4), h(1)]);
    expect(no).toEqual([h(3), h(2)]);
    expect([...yes, ...no].sort()).toEqual(hashes(listSinkingTxs(db)).sort());
    // The complement holds under other filters too.
    const bYes = hashes(listSinkingTxs(db, { recipient: ACCOUNTS.b, finalized: true }));
    const bNo = hashes(listSinkingTxs(db, { recipient: ACCOUNTS.b, finalized: false }));
    expect(bYes).toEqual([]);
    expect(bNo).toEqual([h(3), h(2)]);
  });

  it('filters by funder, recipient, dates (from inclusive, before exclusive) and contract calls', () => {
    expect(hashes(listSinkingTxs(db, { funder: ACCOUNTS.c }))).toEqual([h(2)]);
    expect(hashes(listSinkingTxs(db, { recipient: ACCOUNTS.b }))).toEqual([h(3), h(2)]);
    expect(hashes(listSinkingTxs(db, { fromDate: '2022-01-31', beforeDate: '2022-02-01' }))).toEqual([h(2)]);
    expect(hashes(listSinkingTxs(db, { fromDate: '2022-02-01' }))).toEqual([h(4), h(3)]);
    expect(hashes(listSinkingTxs(db, { beforeDate: '2022-01-01' }))).toEqual([]);
    expect(hashes(listSinkingTxs(db, { contractCall: true }))).toEqual([h(3)]);
    expect(hashes(listSinkingTxs(db, { contractCall: false }))).toEqual([h(4), h(2), h(1)]);
  });

  it('pages by toid in both orders without gaps or repeats', () => {
    for (const order of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 5; i++) {
        const page = listSinkingTxs(db, { order, limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...hashes(page));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(order === 'asc' ? [h(1), h(2), h(3), h(4)] : [h(4), h(3), h(2), h(1)]);
    }
    const first = listSinkingTxs(db, { limit: 2 });
    expect(first.nextCursor).toBe(T(3).toString());
    expect(listSinkingTxs(db, { limit: 4 }).nextCursor).toBeNull();
  });

  it('gives one transaction with its statuses and retirements', () => {
    const tx = getSinkingTx(db, h(4));
    expect(tx.statuses.map((s) => s.certificate_id)).toEqual([11, 12]);
    expect(tx.retirements.map((r) => r.certificate_id)).toEqual([11, 12]);
    expect(() => getSinkingTx(db, h(99))).toThrow(/No sinking transaction/);
  });
});
