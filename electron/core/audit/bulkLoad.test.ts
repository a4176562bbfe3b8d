import { describe, expect, it } from 'vitest';
import { openWriteDb } from '../db/open.js';
import type { WriteDb } from '../db/types.js';
import { tempDbFile } from '../../testkit/auditTestDb.js';
import { BATCH_ROWS, BulkLoad } from './bulkChanges.js';
import { setCurrentOperation } from './chain.js';
import { checkChain, checkReplay } from './verifyTrail.js';

const COLUMNS = ['hash', 'created_at', 'sender', 'recipient', 'carbon_amount', 'toid'];
const row = (i: number) => [i.toString(16).padStart(64, '0'), '2024-01-01T00:00:00', 'GS', 'GR', i, BigInt(i + 1)];

function open(file = ':memory:'): WriteDb {
  const db = openWriteDb(file);
  setCurrentOperation(db, 'op-1');
  return db;
}

const tempTables = (db: WriteDb) => db.prepare(`SELECT name FROM sqlite_temp_master WHERE type = 'table'`).pluck().all();
const keys = (db: WriteDb) => db.prepare('SELECT toid FROM distribution_txs ORDER BY rowid').pluck().safeIntegers(true).all();

describe('a bulk load staged as its rows arrive (BulkLoad)', () => {
  it('inserts in index order whatever order the rows were staged in, across batches, with one chain', () => {
    const db = open();
    const n = BATCH_ROWS + 1234;
    const load = new BulkLoad(db, 'distribution_txs', COLUMNS);
    // Staged as a bounded fan-out finishes them: odd indexes first, then the even ones backwards.
    for (let i = 1; i < n; i += 2) load.add(i, row(i));
    for (let i = n - (n % 2 === 0 ? 2 : 1); i >= 0; i -= 2) load.add(i, row(i));
    expect(keys(db)).toEqual([]);
    expect(db.transaction(() => load.insert())()).toBe(n);
    load.discard();
    expect(keys(db)).toEqual(Array.from({ length: n }, (_, i) => BigInt(i + 1)));
    expect(db.prepare('SELECT count(*) FROM audit_changes').pluck().get()).toBe(n);
    expect(checkChain(db).status).toBe('pass');
    expect(checkReplay(db).status).toBe('pass');
    expect(tempTables(db)).toEqual([]);
  });

  it('stages without holding a lock: another connection writes meanwhile', () => {
    const file = tempDbFile();
    const a = open(file);
    const b = open(file);
    const load = new BulkLoad(a, 'distribution_txs', COLUMNS);
    try {
      for (let i = 0; i < 2500; i++) load.add(i, row(i));
      b.prepare(`INSERT INTO distribution_txs (${COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?)`).run(...row(9999));
      expect(a.transaction(() => load.insert()).immediate()).toBe(2500);
    } finally {
      load.discard();
    }
    expect(keys(b)).toHaveLength(2501);
    a.close();
    b.close();
  });

  it('refuses a gap or a bad index, and names a bad row by its index; discard leaves nothing staged', () => {
    const db = open();
    const gap = new BulkLoad(db, 'distribution_txs', COLUMNS);
    gap.add(0, row(0));
    gap.add(2, row(2));
    expect(() => gap.insert()).toThrow(/distribution_txs: 2 rows staged, but not indexed 0 … 1/);
    expect(() => gap.add(-1, row(1))).toThrow(/index must be a whole number ≥ 0, not -1/);
    gap.discard();
    const dup = new BulkLoad(db, 'distribution_txs', COLUMNS, { rowError: (err, i) => new Error(`row ${i}: ${(err as Error).message}`) });
    for (let i = 0; i < 10; i++) dup.add(9 - i, i === 3 ? row(9 - 7) : row(9 - i));
    expect(() => dup.insert()).toThrow(/^row 6: UNIQUE constraint failed: distribution_txs\./);
    dup.discard();
    expect(keys(db)).toEqual([]);
    expect(tempTables(db)).toEqual([]);
  });
});
