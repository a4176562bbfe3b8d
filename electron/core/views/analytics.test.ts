import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWriteDb } from '../db/open.js';
import { restoreDatabase } from '../dump/restore.js';
import { SC_DATA_DIR, hasShared } from '../../testkit/sharedDir.js';
import { ACCOUNTS, addSale, h, smallDb } from '../../testkit/smallDb.js';
import { generateSyntheticDb, TINY_SIZES } from '../../testkit/synthetic/generate.js';
import { formatDecimal } from '../domain/amount.js';
import type { ReadDb } from '../db/types.js';
import { openReadDb } from '../db/open.js';
import { interpolatePrices, roundHalfEven, yoyAnalytics } from './analytics.js';

/**
 * The yearly figures computed the plain way, independently of the view's one pass: SQL groups by strftime year and
 * month, and the volume from every sale's row object in toid order, each price interpolated between its nearest
 * USDC sales by position.
 */
function referenceYears(db: ReadDb) {
  const groups = db
    .prepare(
      `SELECT CAST(y AS INTEGER) AS year, sum(n) AS num_tx, sum(kg) AS kg, avg(recipients) AS mau FROM (
         SELECT strftime('%Y', created_at) AS y, count(*) AS n, sum(carbon_amount) AS kg, count(DISTINCT recipient) AS recipients
         FROM sinking_txs GROUP BY y, strftime('%m', created_at)) GROUP BY y ORDER BY y`,
    )
    .safeIntegers(true)
    .all() as { year: bigint; num_tx: bigint; kg: bigint; mau: number }[];
  const sales = (db.prepare('SELECT created_at, dest_asset_code AS code, dest_asset_amount AS dest, carbon_amount AS kg FROM sinking_txs ORDER BY toid').safeIntegers(true).all() as {
    created_at: string;
    code: string;
    dest: bigint;
    kg: bigint;
  }[]).map((r) => ({ year: Number(r.created_at.slice(0, 4)), code: r.code, dest: Number(formatDecimal(r.dest, 7)), t: Number(formatDecimal(r.kg, 3)) }));
  const known = sales.flatMap((s, i) => (s.code === 'USDC' && !Number.isNaN(s.dest / s.t) ? [i] : []));
  const price = (i: number): number => {
    const p = (k: number) => sales[k]!.dest / sales[k]!.t;
    const b = known.findIndex((k) => k >= i);
    if (b === -1) return known.length ? p(known[known.length - 1]!) : NaN;
    const kb = known[b]!;
    if (kb === i || b === 0) return kb === i ? p(kb) : NaN;
    const ka = known[b - 1]!;
    return p(ka) + ((i - ka) * (p(kb) - p(ka))) / (kb - ka);
  };
  const volume = new Map<number, number>();
  sales.forEach((s, i) => {
    const v = s.code === 'CARBON' ? price(i) * s.t : s.dest;
    if (!Number.isNaN(v)) volume.set(s.year, (volume.get(s.year) ?? 0) + v);
  });
  return groups.map((g) => ({
    year: Number(g.year),
    mau: roundHalfEven(g.mau, 2),
    num_tx: Number(g.num_tx),
    volume_usd: roundHalfEven(volume.get(Number(g.year)) ?? 0, 2).toFixed(2),
    carbon_sunk: formatDecimal(g.kg, 3),
  }));
}
const baseFields = (rows: ReturnType<typeof yoyAnalytics>) =>
  rows.map(({ year, mau, num_tx, volume_usd, carbon_sunk }) => ({ year, mau, num_tx, volume_usd, carbon_sunk }));

const T = (n: number) => 2n ** 57n + BigInt(n);
const usd = (dollars: number) => BigInt(Math.round(dollars * 1e7));

describe('year-over-year analytics', () => {
  it('values CARBON sales at the interpolated USDC price and compares years', () => {
    const db = smallDb();
    // 2020: paid in CARBON before any USDC sale: no price yet, so it adds nothing to the volume.
    addSale(db, { hash: h(1), createdAt: '2020-06-01T00:00:00', toid: T(1), carbonKg: 1000, destCode: 'CARBON', destStroops: usd(1) });
    // 2021: $10/t, then a CARBON sale halfway (by position) to the next USDC price $20/t → 2 t × $15.
    addSale(db, { hash: h(2), createdAt: '2021-11-01T00:00:00', toid: T(2), carbonKg: 1000, destStroops: usd(10), recipient: ACCOUNTS.a });
    addSale(db, { hash: h(3), createdAt: '2021-12-01T00:00:00', toid: T(3), carbonKg: 2000, destCode: 'CARBON', destStroops: usd(2), recipient: ACCOUNTS.b });
    // 2022: $20/t, then CARBON sales carried forward at $20/t.
    addSale(db, { hash: h(4), createdAt: '2022-01-05T00:00:00', toid: T(4), carbonKg: 2000, destStroops: usd(40), recipient: ACCOUNTS.a });
    addSale(db, { hash: h(5), createdAt: '2022-01-20T00:00:00', toid: T(5), carbonKg: 1000, destCode: 'CARBON', destStroops: usd(1), recipient: ACCOUNTS.b });
    addSale(db, { hash: h(6), createdAt: '2022-03-01T00:00:00', toid: T(6), carbonKg: 500, destCode: 'CARBON', destStroops: usd(0.5), recipient: ACCOUNTS.c });
    expect(yoyAnalytics(db)).toEqual([
      { year: 2020, mau: 1, yoy_mau: null, num_tx: 1, yoy_num_tx: null, volume_usd: '0.00', yoy_volume_usd: null, carbon_sunk: '1.000', yoy_carbon_sunk: null },
      { year: 2021, mau: 1, yoy_mau: 0, num_tx: 2, yoy_num_tx: 100, volume_usd: '40.00', yoy_volume_usd: null, carbon_sunk: '3.000', yoy_carbon_sunk: 200 },
      // mau: January has 2 recipients, March 1 → 1.5
      { year: 2022, mau: 1.5, yoy_mau: 50, num_tx: 3, yoy_num_tx: 50, volume_usd: '70.00', yoy_volume_usd: 75, carbon_sunk: '3.500', yoy_carbon_sunk: 16.67 },
    ]);
    db.close();
  });

  it('interpolates by position and carries the last price forward', () => {
    // CARBON, USDC $10, XLM, CARBON, USDC $16, CARBON: the prices known are the USDC sales'.
    const p = [NaN, 10, NaN, NaN, 16, NaN];
    interpolatePrices(p);
    expect(p[0]).toBeNaN();
    expect(p.slice(1)).toEqual([10, 12, 14, 16, 16]);
  });

  it('rounds half to even like numpy', () => {
    expect(roundHalfEven(0.125, 2)).toBe(0.12);
    expect(roundHalfEven(0.375, 2)).toBe(0.38);
    expect(roundHalfEven(-2.5, 0)).toBe(-2);
    expect(roundHalfEven(16.666666, 2)).toBe(16.67);
  });

  it('equals the plain computation on a synthetic database, and with amounts beyond 2^53', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-yoy-'));
    try {
      const file = path.join(dir, 'yoy.sqlite3');
      generateSyntheticDb(file, TINY_SIZES);
      const db = openReadDb(file);
      const rows = yoyAnalytics(db);
      expect(rows.length).toBeGreaterThan(3);
      expect(baseFields(rows)).toEqual(referenceYears(db));
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const db = smallDb();
    addSale(db, { hash: h(1), createdAt: '2021-01-01T00:00:00', toid: T(1), carbonKg: 1000, destStroops: 2n ** 60n });
    addSale(db, { hash: h(2), createdAt: '2021-02-01T00:00:00', toid: T(2), carbonKg: 2 ** 53 - 1, destCode: 'CARBON', destStroops: usd(1) });
    addSale(db, { hash: h(3), createdAt: '2021-03-01T00:00:00', toid: T(3), carbonKg: 2 ** 53 - 1, destStroops: usd(3) });
    expect(baseFields(yoyAnalytics(db))).toEqual(referenceYears(db));
    expect(yoyAnalytics(db)[0]?.carbon_sunk).toBe(formatDecimal(2n * (2n ** 53n - 1n) + 1000n, 3));
    db.close();
  });

  it('leaves out a year without sales, values other dest assets at their own amount, and goes by toid, not by insertion', () => {
    const db = smallDb();
    // Inserted out of order: positions (the interpolation's axis) are the toid order, whatever the rowids.
    addSale(db, { hash: h(4), createdAt: '2024-05-01T00:00:00', toid: T(4), carbonKg: 1000, destStroops: usd(30), recipient: ACCOUNTS.c });
    addSale(db, { hash: h(2), createdAt: '2023-01-01T00:00:00', toid: T(2), carbonKg: 1000, destCode: 'CARBON', destStroops: usd(1), recipient: ACCOUNTS.b });
    addSale(db, { hash: h(5), createdAt: '2024-05-02T00:00:00', toid: T(5), carbonKg: 2000, destCode: 'CARBON', destStroops: usd(1), recipient: ACCOUNTS.c });
    addSale(db, { hash: h(1), createdAt: '2021-12-31T23:59:59', toid: T(1), carbonKg: 1000, destStroops: usd(10), recipient: ACCOUNTS.a });
    addSale(db, { hash: h(3), createdAt: '2023-01-02T00:00:00', toid: T(3), carbonKg: 3000, destCode: 'XLM', destStroops: usd(7), recipient: ACCOUNTS.b });
    const rows = yoyAnalytics(db);
    expect(rows.map((r) => r.year)).toEqual([2021, 2023, 2024]);
    // 2023: the CARBON sale at $10 + (1/3)·($30 − $10) per tonne (positions 0, 1, 3), the XLM sale at its $7.
    expect(rows.map((r) => r.volume_usd)).toEqual(['10.00', '23.67', '90.00']);
    expect(baseFields(rows)).toEqual(referenceYears(db));
    db.close();
  });

  it('is empty without sales', () => {
    const db = openWriteDb(':memory:');
    expect(yoyAnalytics(db)).toEqual([]);
    db.close();
  });
});

describe.skipIf(!hasShared)('analytics of the published sc-data', () => {
  it('covers every sale, year by year', () => {
    const db = openWriteDb(':memory:');
    restoreDatabase(db, SC_DATA_DIR);
    const rows = yoyAnalytics(db);
    expect(rows.map((r) => r.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(rows.reduce((n, r) => n + r.num_tx, 0)).toBe(31);
    expect(rows.reduce((n, r) => n + Math.round(Number(r.carbon_sunk) * 1000), 0)).toBe(31932);
    expect(rows[0]).toMatchObject({ year: 2021, num_tx: 1, carbon_sunk: '1.000', volume_usd: '11.00', yoy_mau: null });
    expect(baseFields(rows)).toEqual(referenceYears(db));
    db.close();
  });
});
