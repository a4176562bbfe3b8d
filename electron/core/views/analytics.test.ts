import { describe, expect, it } from 'vitest';
import { openWriteDb } from '../db/open.js';
import { restoreDatabase } from '../dump/restore.js';
import { SC_DATA_DIR, hasShared } from '../../testkit/sharedDir.js';
import { ACCOUNTS, addSale, h, smallDb } from '../../testkit/smallDb.js';
import { interpolatedPrices, roundHalfEven, yoyAnalytics } from './analytics.js';

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
    const sale = (destCode: string, dest: number) => ({ destCode, dest, carbonKg: 1000n });
    const p = interpolatedPrices([sale('CARBON', 1), sale('USDC', 10), sale('XLM', 5), sale('CARBON', 1), sale('USDC', 16), sale('CARBON', 1)]);
    expect(p[0]).toBeNaN();
    expect(p.slice(1)).toEqual([10, 12, 14, 16, 16]);
  });

  it('rounds half to even like numpy', () => {
    expect(roundHalfEven(0.125, 2)).toBe(0.12);
    expect(roundHalfEven(0.375, 2)).toBe(0.38);
    expect(roundHalfEven(-2.5, 0)).toBe(-2);
    expect(roundHalfEven(16.666666, 2)).toBe(16.67);
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
    db.close();
  });
});
