import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WriteDb } from '../db/types.js';
import { restoreDatabase } from '../dump/restore.js';
import { SC_DATA_DIR, hasShared, sharedFixture } from '../../testkit/sharedDir.js';
import { openWriteDb } from '../db/open.js';
import { addBlock, addRetirement, h, smallDb } from '../../testkit/smallDb.js';
import { viewInventory } from './inventory.js';

describe('inventory', () => {
  let db: WriteDb;
  beforeEach(() => {
    db = smallDb();
    addBlock(db, { hash: h(1), start: 1, end: 10, createdAt: '2022-01-01T10:00:00', toid: 2n ** 60n + 5n });
    addBlock(db, { hash: h(2), start: 11, end: 15, createdAt: '2022-02-15T23:59:59', toid: 2n ** 60n + 9n });
    addRetirement(db, { id: 100, amount: 3, date: '2022-01-10', blocks: [[h(1), 3]] });
    addRetirement(db, { id: 101, amount: 5, date: '2022-03-01', blocks: [[h(2), 5]] });
  });
  afterEach(() => db.close());
  const remaining = (r: ReturnType<typeof viewInventory>) => r.rows.map((x) => [x.serial_hash, x.size, x.credits_remaining]);

  it('is size minus credits retired, ordered by toid', () => {
    const inv = viewInventory(db);
    expect(inv.untilDate).toBeNull();
    expect(remaining(inv)).toEqual([
      [h(1), 10, 7],
      [h(2), 5, 0],
    ]);
    expect(inv.rows[0]).toMatchObject({ name: 'Project 1360', category: 'Agriculture Forestry and Other Land Use', sub_account_id: 11273 });
  });

  it('omits empty blocks on request', () => {
    expect(remaining(viewInventory(db, { omitEmpty: true }))).toEqual([[h(1), 10, 7]]);
  });

  it('reconstructs the inventory at the end of a day', () => {
    expect(remaining(viewInventory(db, { untilDate: '2022-01-09' }))).toEqual([[h(1), 10, 10]]);
    expect(remaining(viewInventory(db, { untilDate: '2022-01-10' }))).toEqual([[h(1), 10, 7]]);
    // A block minted at 23:59:59 counts on its day.
    expect(remaining(viewInventory(db, { untilDate: '2022-02-15' }))).toEqual([
      [h(1), 10, 7],
      [h(2), 5, 5],
    ]);
    expect(remaining(viewInventory(db, { untilDate: '2022-03-01', omitEmpty: true }))).toEqual([[h(1), 10, 7]]);
  });

  it('is empty on an empty database', () => {
    const empty = openWriteDb(':memory:');
    expect(viewInventory(empty).rows).toEqual([]);
    empty.close();
  });
});

describe.skipIf(!hasShared)('inventory of the published sc-data', () => {
  it('matches expected_totals.json block by block', () => {
    const db = openWriteDb(':memory:');
    restoreDatabase(db, SC_DATA_DIR);
    const expected = JSON.parse(fs.readFileSync(sharedFixture('sc-data', 'expected_totals.json'), 'utf8')) as {
      credits_remaining: number;
      inventory_by_block: { serial_hash: string; size: number; credits_remaining: number }[];
    };
    const rows = viewInventory(db).rows;
    expect(rows.map((r) => [r.serial_hash, r.size, r.credits_remaining])).toEqual(
      expected.inventory_by_block.map((b) => [b.serial_hash, b.size, b.credits_remaining]),
    );
    expect(rows.reduce((n, r) => n + r.credits_remaining, 0)).toBe(171);
    expect(expected.credits_remaining).toBe(171);
    expect(viewInventory(db, { omitEmpty: true }).rows).toHaveLength(6);
    db.close();
  });
});
