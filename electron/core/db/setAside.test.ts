import { describe, expect, it } from 'vitest';
import { BATCH_ROWS, insertLogged } from '../audit/bulkChanges.js';
import { setCurrentOperation } from '../audit/chain.js';
import { checkChain, checkReplay } from '../audit/verifyTrail.js';
import { deferPlainIndexes, setTriggersAside } from './setAside.js';
import { openWriteDb } from './open.js';
import type { WriteDb } from './types.js';

const COLUMNS = ['hash', 'created_at', 'sender', 'recipient', 'carbon_amount', 'toid'];
const row = (i: number) => [i.toString(16).padStart(64, '0'), `2024-01-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00`, 'GS', `GR${i % 97}`, 1, BigInt(i)];
const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => row(from + i));

function freshDb(): WriteDb {
  const db = openWriteDb(':memory:');
  setCurrentOperation(db, 'op-1');
  return db;
}

/** name → [definition, root page] of the table's indexes (a rebuilt index has a new root page). */
function indexes(db: WriteDb, table: string): Map<string, [string | null, number]> {
  const all = db.prepare(`SELECT name, sql, rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name`).all(table) as { name: string; sql: string | null; rootpage: number }[];
  return new Map(all.map((i) => [i.name, [i.sql, i.rootpage]]));
}

const definitions = (m: Map<string, [string | null, number]>) => [...m].map(([name, [sql]]) => [name, sql]);

describe('a bulk load into an empty table builds its plain indexes after the rows (setAside.ts)', () => {
  it('the same indexes, rebuilt, holding every row; constraints and the change log as before', () => {
    const db = freshDb();
    const before = indexes(db, 'distribution_txs');
    const n = 2 * BATCH_ROWS + 7;
    expect(insertLogged(db, 'distribution_txs', COLUMNS, rows(1, n))).toBe(n);
    const after = indexes(db, 'distribution_txs');
    expect(definitions(after)).toEqual(definitions(before));
    for (const [name, [sql, root]] of after) {
      if (/^CREATE INDEX/.test(sql ?? '')) expect(root, name).not.toBe(before.get(name)?.[1]);
      else expect(root, `${name} (unique or a constraint's) is kept`).toBe(before.get(name)?.[1]);
      expect(db.prepare(`SELECT count(*) FROM distribution_txs INDEXED BY ${name}`).pluck().get(), name).toBe(n);
    }
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM distribution_txs WHERE recipient = 'GR5'`).all()).toEqual([
      expect.objectContaining({ detail: expect.stringContaining('USING INDEX idx_dtx_recipient') }),
    ]);
    expect(checkChain(db).status).toBe('pass');
    expect(checkReplay(db).status).toBe('pass');
  });

  it('leaves the indexes alone for a table with rows, and for a load of one batch', () => {
    const db = freshDb();
    const empty = indexes(db, 'distribution_txs');
    insertLogged(db, 'distribution_txs', COLUMNS, rows(1, BATCH_ROWS - 1));
    expect(indexes(db, 'distribution_txs')).toEqual(empty);
    insertLogged(db, 'distribution_txs', COLUMNS, rows(BATCH_ROWS, 2 * BATCH_ROWS));
    expect(indexes(db, 'distribution_txs')).toEqual(empty);
  });

  it('a duplicate key in a later batch is still named, and the failed load leaves every index in place', () => {
    const db = freshDb();
    const before = indexes(db, 'distribution_txs');
    const load = rows(1, 2 * BATCH_ROWS);
    const bad = BATCH_ROWS + 321;
    load[bad] = row(5);
    expect(() => insertLogged(db, 'distribution_txs', COLUMNS, load, { rowError: (err, i) => new Error(`row ${i}: ${(err as Error).message}`) })).toThrow(
      new RegExp(`^row ${bad}: UNIQUE constraint failed: distribution_txs.toid$`),
    );
    expect(indexes(db, 'distribution_txs')).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM distribution_txs').pluck().get()).toBe(0);
  });

  it('is refused outside a transaction (a crash must not leave a table without its indexes)', () => {
    const db = freshDb();
    expect(() => deferPlainIndexes(db, 'distribution_txs')).toThrow(/only inside a transaction/);
    expect(indexes(db, 'distribution_txs').size).toBeGreaterThan(0);
  });
});

describe('a bulk load sets triggers aside for its transaction (setAside.ts)', () => {
  const triggers = (db: WriteDb) => db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as { name: string; sql: string }[];
  const plainInsert = (db: WriteDb, i: number) =>
    db.prepare(`INSERT INTO distribution_txs (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`).run(...row(i));
  const logged = (db: WriteDb) => db.prepare('SELECT count(*) FROM audit_changes').pluck().get();

  it('drops the named ones that exist, then creates them again from their own text', () => {
    const db = freshDb();
    const before = triggers(db);
    db.transaction(() => {
      const restore = setTriggersAside(db, ['audit_distribution_txs_insert', 'no_such_trigger']);
      expect(triggers(db).map((t) => t.name)).toEqual(before.map((t) => t.name).filter((n) => n !== 'audit_distribution_txs_insert'));
      plainInsert(db, 1);
      expect(logged(db)).toBe(0);
      restore();
      plainInsert(db, 2);
      expect(logged(db)).toBe(1);
    })();
    expect(triggers(db)).toEqual(before);
  });

  it('a failure before the step that puts them back rolls the triggers back with the rows', () => {
    const db = freshDb();
    const before = triggers(db);
    expect(() =>
      db.transaction(() => {
        setTriggersAside(db, ['audit_distribution_txs_insert']);
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    expect(triggers(db)).toEqual(before);
    expect(() => setTriggersAside(db, ['audit_distribution_txs_insert'])).toThrow(/only inside a transaction/);
    expect(triggers(db)).toEqual(before);
  });
});
