import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSerialAccounting } from '../audit/verifySerials.js';
import { openWriteDb } from '../db/open.js';
import type { WriteDb } from '../db/types.js';
import { restoreDatabase } from '../dump/restore.js';
import { viewInventory } from '../views/inventory.js';
import { getSinkingTx } from '../views/sinkingTxs.js';
import { SC_DATA_DIR, hasShared } from '../../testkit/sharedDir.js';
import { addBlock, addRetirement, addSale, addStatus, h, smallDb } from '../../testkit/smallDb.js';
import { serialAssignment } from './serialAssignment.js';

describe.skipIf(!hasShared)('serial accounting of the published sc-data (a fixed case)', () => {
  let db: WriteDb;
  beforeEach(() => {
    db = openWriteDb(':memory:');
    restoreDatabase(db, SC_DATA_DIR);
  });
  afterEach(() => db.close());

  it('assigns every retired credit once, inside its blocks: 202 minted − 31 assigned = the inventory’s 171 remaining', () => {
    const r = serialAssignment(db);
    expect(r.problems).toEqual([]);
    const minted = viewInventory(db).rows.reduce((n, b) => n + b.size, 0);
    const remaining = viewInventory(db).rows.reduce((n, b) => n + b.credits_remaining, 0);
    expect({ minted, remaining }).toEqual({ minted: 202, remaining: 171 });
    // 31 credits retired, every kg of them (31.000 t) given to sales: whole credits, so minted − assigned = remaining.
    expect(r.totals).toEqual({ retired_credits: 31, assigned_kg: 31_000, assigned_credits: 31 });
    expect(minted - r.totals.assigned_credits).toBe(remaining);
    expect(r.backing).toHaveLength(24);
    expect(r.backing.reduce((n, b) => n + b.kg, 0)).toBe(31_000);
    expect(checkSerialAccounting(db)).toMatchObject({ id: 'serial-accounting', status: 'pass', count: 0 });
  });

  it('shows on the sale detail which serials back the sale', () => {
    const sale = getSinkingTx(db, '20dbafdc604fc1a48eafc4ce0df2b6151dfa5a5241c307f811a99ce4ddf2fb7f');
    expect(sale.backing).toEqual([
      {
        sale_hash: '20dbafdc604fc1a48eafc4ce0df2b6151dfa5a5241c307f811a99ce4ddf2fb7f',
        certificate_id: 152453,
        block_hash: '1e47dd9c1c536e78cfe46b78f80b8b91a475c13986abb4f8b6d79005edef77be',
        vcs_project_id: 1360,
        first_serial: 449402301,
        last_serial: 449402303,
        kg: 3000,
      },
    ]);
    // Retirement 188439 fills seven sales: this one's 2.452 t start where the one listed before it ended, 504 kg
    // into credit 449402285 (the first took 2.504 t from 449402283).
    const shared = getSinkingTx(db, '263f997b4a2326df41ec2b346d79cbca4c06d2d72cff381620d39ca3ebe552f4').backing;
    expect(shared.map((b) => [b.certificate_id, b.block_hash?.slice(0, 8), b.first_serial, b.last_serial, b.kg])).toEqual([[188439, '174aff77', 449402285, 449402287, 2452]]);
  });
});

describe('serial accounting of tampered databases', () => {
  let db: WriteDb;
  beforeEach(() => {
    db = smallDb();
    addBlock(db, { hash: h(0xb1), start: 1, end: 10, createdAt: '2022-01-01T10:00:00', toid: 2n ** 60n });
    addBlock(db, { hash: h(0xb2), start: 21, end: 30, createdAt: '2022-01-02T10:00:00', toid: 2n ** 60n + 1n });
    for (const [n, kg] of [[1, 2000], [2, 2000], [3, 1000]] as const) addSale(db, { hash: h(n), createdAt: `2022-02-0${n}T00:00:00`, toid: 2n ** 60n + 10n + BigInt(n), carbonKg: kg });
  });
  afterEach(() => db.close());
  const messages = () => checkSerialAccounting(db).offenders.map((o) => [o.table, o.key, o.message]);

  it('passes a clean database and names the backing of each sale', () => {
    addRetirement(db, { id: 100, amount: 2, date: '2022-03-01', firstSerial: 3, sales: [h(1)], blocks: [[h(0xb1), 2]] });
    addStatus(db, h(1), 100, 2000, true);
    expect(checkSerialAccounting(db)).toMatchObject({ status: 'pass', count: 0 });
    expect(getSinkingTx(db, h(1)).backing).toEqual([{ sale_hash: h(1), certificate_id: 100, block_hash: h(0xb1), vcs_project_id: 1360, first_serial: 3, last_serial: 4, kg: 2000 }]);
  });

  it('fails on overlapping retirements, naming both retirements, both sales and the serials', () => {
    addRetirement(db, { id: 100, amount: 2, date: '2022-03-01', firstSerial: 3, sales: [h(1)], blocks: [[h(0xb1), 2]] });
    addRetirement(db, { id: 101, amount: 2, date: '2022-03-02', firstSerial: 4, sales: [h(2)], blocks: [[h(0xb1), 2]] });
    addStatus(db, h(1), 100, 2000, true);
    addStatus(db, h(2), 101, 2000, true);
    const c = checkSerialAccounting(db);
    expect(c).toMatchObject({ status: 'fail', count: 1, headline: '1 overlaps' });
    expect(messages()).toEqual([
      ['retirements', '101', `overlap: serials 4 of VCS 1360 (1.000 t) are assigned twice, to retirement 100 (sale ${h(1)}) and retirement 101 (sale ${h(2)})`],
    ]);
  });

  it('fails on a fill over the retirement’s size: overfilled, and the finalized sale unbacked', () => {
    addRetirement(db, { id: 100, amount: 1, date: '2022-03-01', firstSerial: 5, sales: [h(1)], blocks: [[h(0xb1), 1]] });
    addStatus(db, h(1), 100, 2000, true);
    expect(messages()).toEqual([
      ['retirements', '100', 'overfilled: retirement 100 of 1 VCU has fills of 2.000 t: 1.000 t beyond its serials'],
      ['sinking_txs', h(1), `unbacked tonnes: finalized sale ${h(1)} of 2.000 t is backed by serials for 1.000 t: 1.000 t unbacked`],
    ]);
    expect(checkSerialAccounting(db).headline).toBe('1 unbacked sales, 1 overfilled retirements');
  });

  it('fails on a retirement outside its block', () => {
    // Credits 9–12: 11 and 12 lie in no block (block 2 starts at 21).
    addRetirement(db, { id: 100, amount: 4, date: '2022-03-01', firstSerial: 9, sales: [h(3)], blocks: [[h(0xb1), 2]] });
    addStatus(db, h(3), 100, 1000, true);
    expect(messages()).toEqual([['retirements', '100', 'outside any block: serials 11–12 of retirement 100 (VCS 1360) lie in no minted block it is linked to']]);
    expect(checkSerialAccounting(db)).toMatchObject({ status: 'fail', headline: '1 outside any block' });
  });

  it('reads one sale’s retirements only, for its detail', () => {
    addRetirement(db, { id: 100, amount: 2, date: '2022-03-01', firstSerial: 1, sales: [h(1)], blocks: [[h(0xb1), 2]] });
    addRetirement(db, { id: 101, amount: 2, date: '2022-03-02', firstSerial: 21, sales: [h(2)], blocks: [[h(0xb2), 2]] });
    addStatus(db, h(1), 100, 2000, true);
    addStatus(db, h(2), 101, 2000, true);
    const one = serialAssignment(db, { saleHash: h(2) });
    expect(one.backing.map((b) => [b.certificate_id, b.first_serial, b.last_serial])).toEqual([[101, 21, 22]]);
    expect(one.totals.retired_credits).toBe(2);
    expect(getSinkingTx(db, h(3)).backing).toEqual([]);
  });
});
