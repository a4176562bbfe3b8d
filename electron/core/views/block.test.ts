import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { openWriteDb } from '../db/open.js';
import { restoreDatabase } from '../dump/restore.js';
import { SC_DATA_DIR, hasShared } from '../../testkit/sharedDir.js';
import { addBlock, addRetirement, addSale, h, smallDb } from '../../testkit/smallDb.js';
import { getBlock } from './block.js';
import { listSinkingTxs } from './sinkingTxs.js';

describe('block detail', () => {
  it('lists the retirements drawn from a block, oldest first, with the remaining credits', () => {
    const db = smallDb();
    addBlock(db, { hash: h(1), start: 1, end: 10, createdAt: '2021-01-01T00:00:00', toid: 2n ** 55n });
    addBlock(db, { hash: h(2), start: 11, end: 20, createdAt: '2021-01-02T00:00:00', toid: 2n ** 55n + 1n });
    addRetirement(db, { id: 7, amount: 3, date: '2022-05-01', blocks: [[h(1), 3]] });
    addRetirement(db, { id: 5, amount: 2, date: '2022-03-01', blocks: [[h(1), 2]] });
    const detail = getBlock(db, h(1));
    expect(detail.block).toMatchObject({ serial_hash: h(1), size: 10, credits_remaining: 5 });
    expect(detail.retirements.map((r) => [r.retirement_id, r.vcu_amount, r.retirement_date])).toEqual([
      [5, 2, '2022-03-01'],
      [7, 3, '2022-05-01'],
    ]);
    expect(getBlock(db, h(2)).retirements).toEqual([]);
    expect(() => getBlock(db, h(3))).toThrow(AppError);
    db.close();
  });
});

describe('memo filter', () => {
  it('matches memo text case-insensitively and literally', () => {
    const db = smallDb();
    addSale(db, { hash: h(1), createdAt: '2022-01-01T00:00:00', toid: 2n ** 56n, carbonKg: 100 });
    addSale(db, { hash: h(2), createdAt: '2022-01-02T00:00:00', toid: 2n ** 56n + 1n, carbonKg: 100 });
    db.prepare("UPDATE sinking_txs SET memo_value = '100% Offset ✈️' WHERE hash = ?").run(h(1));
    db.prepare("UPDATE sinking_txs SET memo_value = '1000 offset' WHERE hash = ?").run(h(2));
    expect(listSinkingTxs(db, { memo: 'offset' }).rows.map((r) => r.hash).sort()).toEqual([h(1), h(2)]);
    expect(listSinkingTxs(db, { memo: '100%' }).rows.map((r) => r.hash)).toEqual([h(1)]);
    expect(listSinkingTxs(db, { memo: '✈️' }).rows.map((r) => r.hash)).toEqual([h(1)]);
    expect(listSinkingTxs(db, { memo: '_' }).rows).toEqual([]);
    db.close();
  });

  it.skipIf(!hasShared)('finds the published sales by memo', () => {
    const db = openWriteDb(':memory:');
    restoreDatabase(db, SC_DATA_DIR);
    const rows = listSinkingTxs(db, { memo: 'public node' }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.memo_value?.toLowerCase().includes('public node'))).toBe(true);
    db.close();
  });
});
