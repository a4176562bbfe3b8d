import { describe, expect, it } from 'vitest';
import { undoCarbonTotals } from '../../testkit/carbonTotalsUndo.js';
import { addRetirement, addSale, addStatus, h, smallDb } from '../../testkit/smallDb.js';
import { carbonTotals } from '../db/migrations/012_carbon_totals.js';
import type { WriteDb } from '../db/types.js';
import { carbonStats } from './stats.js';

/**
 * Migration 012 keeps Σ carbon_amount and Σ amount_filled in carbon_totals by triggers; the stats read them. They
 * must equal the plain sums after every kind of write, and a total beyond int64 must never be reported rounded.
 */
function stored(db: WriteDb): { sunk: unknown; retired: unknown } {
  return db.prepare('SELECT sunk_kg AS sunk, retired_kg AS retired FROM carbon_totals').safeIntegers(true).get() as { sunk: unknown; retired: unknown };
}

function plain(db: WriteDb): { sunk: bigint; retired: bigint } {
  const one = (sql: string) => (db.prepare(sql).pluck().safeIntegers(true).get() as bigint | null) ?? 0n;
  return { sunk: one('SELECT sum(carbon_amount) FROM sinking_txs'), retired: one('SELECT sum(amount_filled) FROM sink_status') };
}

describe('carbon totals', () => {
  it('follow every insert, update and delete of sales and sink statuses', () => {
    const db = smallDb();
    expect(stored(db)).toEqual({ sunk: 0n, retired: 0n });
    for (let i = 1; i <= 6; i++) {
      addSale(db, { hash: h(i), createdAt: `2022-0${i}-01T00:00:00`, toid: 2n ** 56n + BigInt(i), carbonKg: 100 * i });
      addRetirement(db, { id: i, amount: 1, date: '2022-07-01' });
      if (i % 2 === 0) addStatus(db, h(i), i, 50 * i, i % 4 === 0);
      expect(stored(db)).toEqual(plain(db));
    }
    db.prepare('UPDATE sinking_txs SET carbon_amount = carbon_amount * 3 WHERE toid > ?').run(2n ** 56n + 3n);
    db.prepare('UPDATE sinking_txs SET memo_value = ? WHERE toid = ?').run('other', 2n ** 56n + 1n);
    db.prepare('UPDATE sink_status SET amount_filled = amount_filled + 7, finalized = 1 WHERE certificate_id = 2').run();
    db.prepare('UPDATE sink_status SET finalized = 0 WHERE certificate_id = 4').run();
    expect(stored(db)).toEqual(plain(db));
    db.prepare('DELETE FROM sink_status WHERE certificate_id = 6').run();
    db.prepare('DELETE FROM sinking_txs WHERE toid = ?').run(2n ** 56n + 5n);
    expect(stored(db)).toEqual(plain(db));
    expect(plain(db)).toEqual({ sunk: 100n + 200n + 300n + 1200n + 1800n, retired: 107n + 200n });
    expect(carbonStats(db)).toMatchObject({ carbon_sunk: '3.600', carbon_retired: '0.307', carbon_pending: '3.293' });

    // The migration's backfill gives the totals the triggers kept.
    const kept = stored(db);
    undoCarbonTotals(db);
    carbonTotals.up(db);
    expect(stored(db)).toEqual(kept);
    db.exec('DELETE FROM sink_status; DELETE FROM sinking_txs;');
    expect(stored(db)).toEqual({ sunk: 0n, retired: 0n });
    db.close();
  });

  it('beyond int64 stop being integers, and the stats sum the table instead of rounding', () => {
    const db = smallDb();
    const big = 2n ** 62n;
    addSale(db, { hash: h(1), createdAt: '2022-01-01T00:00:00', toid: 2n ** 56n, carbonKg: 1000 });
    const insert = db.prepare(`INSERT INTO sinking_txs SELECT ?, created_at, contract_id, funder, recipient, ?, source_asset_code, source_asset_issuer,
      source_asset_amount, dest_asset_code, dest_asset_issuer, dest_asset_amount, vcs_project_id, memo_type, memo_value, ? FROM sinking_txs WHERE hash = ?`);
    insert.run(h(2), big, 2n ** 56n + 2n, h(1));
    expect(stored(db).sunk).toBe(big + 1000n);
    insert.run(h(3), big, 2n ** 56n + 3n, h(1));
    // 2^63 + 1000 kg: the write is kept, the total is no longer an exact integer, the stats report what sum() reports.
    expect(typeof stored(db).sunk).toBe('number');
    expect(() => carbonStats(db)).toThrow(/integer overflow/);
    db.prepare('DELETE FROM sinking_txs WHERE hash = ?').run(h(3));
    expect(carbonStats(db).carbon_sunk).toBe('4611686018427388.904');

    // A backfill that overflows leaves the totals unknown (NULL), with the same fallback.
    insert.run(h(3), big, 2n ** 56n + 3n, h(1));
    undoCarbonTotals(db);
    carbonTotals.up(db);
    expect(stored(db)).toEqual({ sunk: null, retired: 0n });
    db.prepare('DELETE FROM sinking_txs WHERE hash = ?').run(h(3));
    expect(carbonStats(db).carbon_sunk).toBe('4611686018427388.904');
    db.close();
  });
});
