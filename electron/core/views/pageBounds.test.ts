import { describe, expect, it } from 'vitest';
import { addRetirement, smallDb } from '../../testkit/smallDb.js';
import { undoPageBounds } from '../../testkit/pageBoundsUndo.js';
import { walkPages } from '../../testkit/walkPages.js';
import { pageBounds } from '../db/migrations/009_page_bounds.js';
import type { WriteDb } from '../db/types.js';
import { listRetirements, type RetirementsQuery } from './retirements.js';

/**
 * Retirement pages with a date bound walk certificates from migration 009's date records: page after page they must
 * list exactly the retirements of the filter in certificate order, however the dates lie against the certificates,
 * and the records must stay exact under every kind of write.
 */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (n: number) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** The date records recomputed from the rows, plainly: a low is dated before every higher certificate, a high after every lower one. */
function expectedRecords(db: WriteDb): { low: string[]; high: string[] } {
  const rows = db.prepare('SELECT certificate_id AS id, retirement_date AS d FROM retirements ORDER BY certificate_id').all() as { id: number; d: string }[];
  const low = rows.filter((r, i) => rows.slice(i + 1).every((s) => r.d < s.d)).map((r) => `${r.id} ${r.d}`);
  const high = rows.filter((r, i) => rows.slice(0, i).every((s) => r.d > s.d)).map((r) => `${r.id} ${r.d}`);
  return { low, high };
}

function records(db: WriteDb): { low: string[]; high: string[] } {
  const of = (t: string) => (db.prepare(`SELECT certificate_id || ' ' || retirement_date AS r FROM ${t} ORDER BY certificate_id`).pluck().all() as string[]);
  return { low: of('retirement_date_low'), high: of('retirement_date_high') };
}

function walk(db: WriteDb, q: RetirementsQuery): number[] {
  return walkPages((cursor: number | undefined) => listRetirements(db, { ...q, limit: 7, ...(cursor !== undefined ? { cursor } : {}) })).map((r) => r.certificate_id);
}

function expectPagesExact(db: WriteDb): void {
  const cases: [RetirementsQuery, string][] = [
    [{ beforeDate: day(40) }, `retirement_date < '${day(40)}'`],
    [{ fromDate: day(40) }, `retirement_date >= '${day(40)}'`],
    [{ fromDate: day(20), beforeDate: day(50) }, `retirement_date >= '${day(20)}' AND retirement_date < '${day(50)}'`],
    [{ beforeDate: day(-400) }, `retirement_date < '${day(-400)}'`],
    [{ fromDate: day(4000) }, `retirement_date >= '${day(4000)}'`],
    [{ beforeDate: '2000-01-02' }, `retirement_date < '2000-01-02'`],
    [{ fromDate: day(30), beneficiary: 'Company 1' }, `retirement_date >= '${day(30)}' AND retirement_beneficiary LIKE 'Company 1%'`],
  ];
  for (const [q, cond] of cases) {
    for (const order of ['asc', 'desc'] as const) {
      const expected = db.prepare(`SELECT certificate_id FROM retirements WHERE ${cond} ORDER BY certificate_id ${order}`).pluck().all() as number[];
      expect(walk(db, { ...q, order }), `${JSON.stringify(q)} ${order}`).toEqual(expected);
      const cursor = expected[3];
      if (cursor !== undefined) {
        const deep = listRetirements(db, { ...q, order, cursor, limit: 1000 }).rows.map((r) => r.certificate_id);
        expect(deep, `deep ${JSON.stringify(q)} ${order}`).toEqual(expected.slice(4));
      }
    }
  }
}

describe('retirement pages bounded by date', () => {
  it('list the rows of the filter in certificate order, and the date records follow every write', () => {
    const rnd = random(13);
    const db = smallDb();
    // Dated out of certificate order by up to 5 days (like the generator's), with a far outlier each way.
    const ids = Array.from({ length: 240 }, (_, i) => 1000 + i);
    const dateOf = (id: number) => (id === 1100 ? '2030-01-01' : id === 1150 ? '2000-01-01' : day(Math.floor((id - 1000) / 3) + Math.floor(rnd() * 6)));
    for (const id of [...ids].sort(() => rnd() - 0.5)) {
      addRetirement(db, { id, amount: 1, date: dateOf(id), beneficiary: id % 2 ? `Company ${id % 7}` : 'Someone' });
      expect(records(db)).toEqual(expectedRecords(db));
    }
    expect(records(db).low.length).toBeLessThan(200);
    expectPagesExact(db);

    for (let k = 0; k < 25; k++) {
      const id = ids[Math.floor(rnd() * ids.length)] as number;
      db.prepare('UPDATE retirements SET retirement_date = ? WHERE certificate_id = ?').run(day(Math.floor(rnd() * 90) - 5), id);
      expect(records(db), `update date of ${id}`).toEqual(expectedRecords(db));
    }
    for (let k = 0; k < 10; k++) {
      const id = ids[Math.floor(rnd() * ids.length)] as number;
      const to = 5000 + k * (k % 2 ? 1 : -300);
      db.prepare('UPDATE retirements SET certificate_id = ? WHERE certificate_id = ?').run(to, id);
      expect(records(db), `move ${id} to ${to}`).toEqual(expectedRecords(db));
    }
    for (let k = 0; k < 40; k++) {
      const id = ids[Math.floor(rnd() * ids.length)] as number;
      db.prepare('DELETE FROM retirements WHERE certificate_id = ?').run(id);
      expect(records(db), `delete ${id}`).toEqual(expectedRecords(db));
    }
    expectPagesExact(db);

    // The migration's backfill gives the same records as the triggers did.
    const kept = records(db);
    undoPageBounds(db);
    pageBounds.up(db);
    expect(records(db)).toEqual(kept);

    db.exec('DELETE FROM retirements');
    expect(records(db)).toEqual({ low: [], high: [] });
    expect(walk(db, { beforeDate: day(40) })).toEqual([]);
    db.close();
  });
});
