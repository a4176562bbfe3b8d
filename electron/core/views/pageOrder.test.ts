import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSyntheticDb, TINY_SIZES, type SyntheticFacts } from '../../testkit/synthetic/generate.js';
import { addRetirement, addSale, addStatus, h, smallDb } from '../../testkit/smallDb.js';
import { openReadDb } from '../db/open.js';
import type { ReadDb } from '../db/types.js';
import { listDistributionTxs, type DistributionTxsQuery } from './distributionTxs.js';
import { listSinkingTxs, type SinkingTxsQuery } from './sinkingTxs.js';

/**
 * Date-bounded and finalized pages walk other indexes than toid's (migration 007): page after page they must
 * still list exactly the rows of the filter in toid order, the order they always had.
 */
function walk<R extends { toid: string }>(list: (cursor: string | undefined) => { rows: R[]; nextCursor: string | null }): string[] {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = list(cursor);
    seen.push(...page.rows.map((r) => r.toid));
    if (page.nextCursor === null) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('walk did not end');
}

describe('date-bounded and finalized pages keep the toid order', () => {
  let dir: string;
  let db: ReadDb;
  let facts: SyntheticFacts;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-order-'));
    const file = path.join(dir, 'order.sqlite3');
    facts = generateSyntheticDb(file, TINY_SIZES);
    db = openReadDb(file);
  });
  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const toids = (text: string, args: unknown[] = []) =>
    (db.prepare(text).safeIntegers(true).all(...(args as never[])) as { toid: bigint }[]).map((r) => String(r.toid));
  const day = () => new Date((Date.parse(`${facts.firstSaleAt}Z`) + Date.parse(`${facts.lastSaleAt}Z`)) / 2).toISOString().slice(0, 10);

  it('sinking txs: dates and finalized, both orders, 37 rows a page', () => {
    const d = day();
    const cases: [SinkingTxsQuery, string][] = [
      [{ fromDate: d }, `created_at >= '${d}T00:00:00'`],
      [{ beforeDate: d }, `created_at < '${d}T00:00:00'`],
      [{ fromDate: facts.firstSaleAt.slice(0, 10), beforeDate: d }, `created_at < '${d}T00:00:00'`],
      [{ finalized: true }, 'EXISTS (SELECT 1 FROM sink_status ss WHERE ss.sinking_tx_hash = hash AND ss.finalized = 1)'],
      [{ finalized: false }, 'NOT EXISTS (SELECT 1 FROM sink_status ss WHERE ss.sinking_tx_hash = hash AND ss.finalized = 1)'],
      [{ finalized: false, fromDate: d }, `created_at >= '${d}T00:00:00' AND NOT EXISTS (SELECT 1 FROM sink_status ss WHERE ss.sinking_tx_hash = hash AND ss.finalized = 1)`],
    ];
    for (const [q, cond] of cases) {
      for (const order of ['asc', 'desc'] as const) {
        const expected = toids(`SELECT toid FROM sinking_txs WHERE ${cond} ORDER BY toid ${order}`);
        expect(expected.length, JSON.stringify(q)).toBeGreaterThan(37);
        expect(walk((cursor) => listSinkingTxs(db, { ...q, order, limit: 37, ...(cursor ? { cursor } : {}) }))).toEqual(expected);
      }
    }
  });

  it('sinking txs: memo texts (trigram index, or the walk for under three characters), both orders', () => {
    for (const memo of ['stellarcarbon 1', 'CARBON 1', 'bon 1', '1', 'n 1', '%', 'x"y']) {
      for (const order of ['asc', 'desc'] as const) {
        const expected = toids(`SELECT toid FROM sinking_txs WHERE instr(lower(memo_value), lower(?)) > 0 ORDER BY toid ${order}`, [memo]);
        expect(walk((cursor) => listSinkingTxs(db, { memo, order, limit: 37, ...(cursor ? { cursor } : {}) })), memo).toEqual(expected);
      }
    }
  });

  it('distribution txs: dates, both orders', () => {
    const d = day();
    const cases: [DistributionTxsQuery, string][] = [
      [{ fromDate: d }, `created_at >= '${d}T00:00:00'`],
      [{ beforeDate: d }, `created_at < '${d}T00:00:00'`],
    ];
    for (const [q, cond] of cases) {
      for (const order of ['asc', 'desc'] as const) {
        const expected = toids(`SELECT toid FROM distribution_txs WHERE ${cond} ORDER BY toid ${order}`);
        expect(walk((cursor) => listDistributionTxs(db, { ...q, order, limit: 37, ...(cursor ? { cursor } : {}) }))).toEqual(expected);
      }
    }
  });
});

describe('sale_finality follows the sink statuses', () => {
  it('is kept by triggers on sinking_txs and sink_status, in any order of writes', () => {
    const db = smallDb();
    const T = (n: number) => 2n ** 58n + BigInt(n);
    const finalized = () => listSinkingTxs(db, { finalized: true }).rows.map((r) => r.hash);
    const open = () => listSinkingTxs(db, { finalized: false }).rows.map((r) => r.hash);
    for (const id of [10, 11, 12]) addRetirement(db, { id, amount: 1, date: '2022-02-01' });
    // Two sales in one ledger second: the tie is broken by toid.
    addSale(db, { hash: h(1), createdAt: '2022-01-01T00:00:00', toid: T(1), carbonKg: 1000 });
    addSale(db, { hash: h(2), createdAt: '2022-01-01T00:00:00', toid: T(2), carbonKg: 1000 });
    expect(open()).toEqual([h(2), h(1)]);
    addStatus(db, h(1), 10, 1000, false);
    expect(finalized()).toEqual([]);
    db.prepare('UPDATE sink_status SET finalized = 1 WHERE sinking_tx_hash = ?').run(h(1));
    expect(finalized()).toEqual([h(1)]);
    addStatus(db, h(2), 11, 500, true);
    addStatus(db, h(2), 12, 500, false);
    expect(finalized()).toEqual([h(2), h(1)]);
    db.prepare('DELETE FROM sink_status WHERE sinking_tx_hash = ? AND certificate_id = 11').run(h(2));
    expect(finalized()).toEqual([h(1)]);
    expect(open()).toEqual([h(2)]);
    // A sale written after its retirement's status rows elsewhere: its own statuses come later, and count.
    addSale(db, { hash: h(3), createdAt: '2022-01-02T00:00:00', toid: T(3), carbonKg: 1000 });
    addStatus(db, h(3), 12, 1000, true);
    expect(finalized()).toEqual([h(3), h(1)]);
    db.prepare('DELETE FROM sink_status WHERE sinking_tx_hash = ?').run(h(3));
    db.prepare('DELETE FROM sinking_txs WHERE hash = ?').run(h(3));
    expect(db.prepare('SELECT count(*) AS n FROM sale_finality').get()).toEqual({ n: 2 });
    // sale_memo follows memo_value and toid.
    const memo = (text: string) => listSinkingTxs(db, { memo: text }).rows.map((r) => r.hash);
    expect(memo('MEMO')).toEqual([h(2), h(1)]);
    db.prepare("UPDATE sinking_txs SET memo_value = 'Ünïcode ok' WHERE hash = ?").run(h(1));
    db.prepare('UPDATE sinking_txs SET memo_value = NULL WHERE hash = ?').run(h(2));
    expect(memo('memo')).toEqual([]);
    expect(memo('nïcode')).toEqual([h(1)]);
    db.prepare('UPDATE sinking_txs SET toid = ? WHERE hash = ?').run(T(5), h(1));
    expect(listSinkingTxs(db, { memo: 'code ok' }).rows.map((r) => r.toid)).toEqual([String(T(5))]);
    db.prepare('UPDATE sinking_txs SET toid = ? WHERE hash = ?').run(T(1), h(1));
    expect(finalized()).toEqual([h(1)]);
    // Date-bounded pages through the tie, one row a page.
    expect(walk((cursor) => listSinkingTxs(db, { fromDate: '2022-01-01', limit: 1, ...(cursor ? { cursor } : {}) }))).toEqual([String(T(2)), String(T(1))]);
    expect(walk((cursor) => listSinkingTxs(db, { beforeDate: '2022-01-02', order: 'asc', limit: 1, ...(cursor ? { cursor } : {}) }))).toEqual([String(T(1)), String(T(2))]);
    db.close();
  });
});
