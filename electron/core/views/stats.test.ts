import { describe, expect, it } from 'vitest';
import { openWriteDb } from '../db/open.js';
import { restoreDatabase } from '../dump/restore.js';
import { SC_DATA_DIR, hasShared } from '../../testkit/sharedDir.js';
import { ACCOUNTS, addBlock, addRetirement, addSale, addStatus, h, smallDb } from '../../testkit/smallDb.js';
import { listDistributionTxs } from './distributionTxs.js';
import { listSinkingTxs } from './sinkingTxs.js';
import { carbonStats } from './stats.js';

describe('carbon stats', () => {
  it('sums exactly, with and without a recipient', () => {
    const db = smallDb();
    addBlock(db, { hash: h(1), start: 1, end: 64, createdAt: '2021-01-01T00:00:00', toid: 2n ** 55n });
    addSale(db, { hash: h(2), createdAt: '2022-01-01T00:00:00', toid: 2n ** 56n, carbonKg: 100, recipient: ACCOUNTS.a });
    addSale(db, { hash: h(3), createdAt: '2022-01-01T00:00:00', toid: 2n ** 56n + 1n, carbonKg: 200, recipient: ACCOUNTS.b });
    addRetirement(db, { id: 1, amount: 1, date: '2022-02-01' });
    addStatus(db, h(3), 1, 200, true);
    expect(carbonStats(db)).toEqual({ carbon_sunk: '0.300', carbon_retired: '0.200', carbon_pending: '0.100', carbon_stored: 64 });
    expect(carbonStats(db, ACCOUNTS.a)).toEqual({ carbon_sunk: '0.100', carbon_retired: '0.000', carbon_pending: '0.100', carbon_stored: null });
    expect(carbonStats(db, ACCOUNTS.c)).toEqual({ carbon_sunk: '0.000', carbon_retired: '0.000', carbon_pending: '0.000', carbon_stored: null });
    db.close();
  });
  it('is zero on an empty database', () => {
    const db = openWriteDb(':memory:');
    expect(carbonStats(db)).toEqual({ carbon_sunk: '0.000', carbon_retired: '0.000', carbon_pending: '0.000', carbon_stored: 0 });
    db.close();
  });
});

describe.skipIf(!hasShared)('views of the published sc-data', () => {
  const db = openWriteDb(':memory:');
  restoreDatabase(db, SC_DATA_DIR);

  it('gives the headline figures', () => {
    expect(carbonStats(db)).toEqual({ carbon_sunk: '31.932', carbon_retired: '31.000', carbon_pending: '0.932', carbon_stored: 202 });
  });

  it('splits the 31 sales into finalized and not', () => {
    const all = listSinkingTxs(db).rows;
    const yes = listSinkingTxs(db, { finalized: true }).rows;
    const no = listSinkingTxs(db, { finalized: false }).rows;
    expect(all).toHaveLength(31);
    expect(yes).toHaveLength(23);
    expect(no).toHaveLength(8); // 7 without status + 1 partly filled
    expect(all[0]?.created_at).toBe('2025-08-18T14:19:09');
    expect(all[30]).toMatchObject({ created_at: '2021-11-20T18:50:04', toid: '164821723627237383', source_asset_amount: '2236.6785284' });
  });

  it('lists the 29 distribution outflows by toid', () => {
    const page = listDistributionTxs(db, { limit: 20, order: 'asc' });
    expect(page.rows[0]?.toid).toBe('164821723627237380');
    const rest = listDistributionTxs(db, { order: 'asc', cursor: page.nextCursor as string });
    expect(page.rows.length + rest.rows.length).toBe(29);
    const kg = [...page.rows, ...rest.rows].reduce((n, r) => n + Math.round(Number(r.carbon_amount) * 1000), 0);
    expect(kg).toBe(34945);
    expect(listDistributionTxs(db, { recipient: ACCOUNTS.a, order: 'asc' }).rows[0]?.hash.slice(0, 8)).toBe('61d4ff55');
  });
});
