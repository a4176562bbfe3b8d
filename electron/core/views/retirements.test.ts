import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WriteDb } from '../db/types.js';
import { ACCOUNTS, addBlock, addRetirement, addSale, addStatus, h, smallDb } from '../../testkit/smallDb.js';
import { getRetirement, listRetirements } from './retirements.js';

describe('retirements', () => {
  let db: WriteDb;
  beforeEach(() => {
    db = smallDb();
    addBlock(db, { hash: h(1), start: 1, end: 3, createdAt: '2021-01-01T00:00:00', toid: 2n ** 55n });
    addBlock(db, { hash: h(2), start: 4, end: 9, createdAt: '2021-01-02T00:00:00', toid: 2n ** 55n + 1n });
    addRetirement(db, { id: 5, amount: 4, date: '2022-01-01', beneficiary: `${ACCOUNTS.a} via stellarcarbon.io`, blocks: [[h(1), 3], [h(2), 1]] });
    addRetirement(db, { id: 7, amount: 1, date: '2022-06-30', beneficiary: 'The Stellarcarbon Community' });
    addRetirement(db, { id: 9, amount: 1, date: '2023-01-01', beneficiary: ACCOUNTS.b, project: 42 });
    addRetirement(db, { id: 11, amount: 1, date: '2023-01-02', beneficiary: '50%_off' });
    addSale(db, { hash: h(20), createdAt: '2021-12-01T00:00:00', toid: 2n ** 56n, carbonKg: 3000 });
    addSale(db, { hash: h(21), createdAt: '2021-12-02T00:00:00', toid: 2n ** 56n + 1n, carbonKg: 1000 });
    addStatus(db, h(21), 5, 1000, true);
    addStatus(db, h(20), 5, 3000, true);
  });
  afterEach(() => db.close());
  const ids = (p: { rows: { certificate_id: number }[] }) => p.rows.map((r) => r.certificate_id);

  it('lists highest certificate first', () => {
    expect(ids(listRetirements(db))).toEqual([11, 9, 7, 5]);
    expect(ids(listRetirements(db, { order: 'asc' }))).toEqual([5, 7, 9, 11]);
  });

  it('filters by beneficiary prefix (wildcards literal, ASCII case-insensitive), dates and project', () => {
    expect(ids(listRetirements(db, { beneficiary: ACCOUNTS.a }))).toEqual([5]);
    expect(ids(listRetirements(db, { beneficiary: 'the stellarcarbon' }))).toEqual([7]);
    expect(ids(listRetirements(db, { beneficiary: '50%' }))).toEqual([11]);
    expect(ids(listRetirements(db, { beneficiary: '5_' }))).toEqual([]);
    expect(ids(listRetirements(db, { fromDate: '2022-06-30', beforeDate: '2023-01-02' }))).toEqual([9, 7]);
    expect(ids(listRetirements(db, { project: 42 }))).toEqual([9]);
  });

  it('pages by certificate id', () => {
    const p1 = listRetirements(db, { limit: 3 });
    expect(ids(p1)).toEqual([11, 9, 7]);
    expect(p1.nextCursor).toBe(7);
    const p2 = listRetirements(db, { limit: 3, cursor: 7 });
    expect(ids(p2)).toEqual([5]);
    expect(p2.nextCursor).toBeNull();
  });

  it('gives one retirement with its project, blocks and sink statuses', () => {
    const r = getRetirement(db, 5);
    expect(r.vcs_project?.name).toBe('Project 1360');
    expect(r.retired_from.map((b) => [b.block_hash, b.vcu_amount, b.block_start, b.block_end])).toEqual([
      [h(1), 3, 1, 3],
      [h(2), 1, 4, 9],
    ]);
    expect(r.sink_statuses.map((s) => [s.sinking_tx_hash, s.amount_filled, s.finalized])).toEqual([
      [h(20), '3.000', true],
      [h(21), '1.000', true],
    ]);
    expect(() => getRetirement(db, 6)).toThrow(/certificate id 6/);
  });
});
