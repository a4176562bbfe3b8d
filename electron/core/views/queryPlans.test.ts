import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSyntheticDb, TINY_SIZES, type SyntheticFacts } from '../../testkit/synthetic/generate.js';
import { pageCases } from '../../testkit/synthetic/pageCases.js';
import { casePlans } from '../../testkit/synthetic/queryPlan.js';
import { openReadDb } from '../db/open.js';
import type { ReadDb } from '../db/types.js';

/**
 * Every query behind a table page (first page, deep keyset page, each filter, both orders) must be served by an
 * index: no full scan of a table that grows with the data, and no sort of every match before the first row.
 * SQLite's plan does not depend on the row count without ANALYZE statistics (the app never runs ANALYZE), so a
 * small generated database gives the plans the 1M-row benchmark database gets. Timings live in bench/, not here.
 */
describe('query plans of the table pages', () => {
  let dir: string;
  let db: ReadDb;
  let facts: SyntheticFacts;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-plans-'));
    const file = path.join(dir, 'plans.sqlite3');
    facts = generateSyntheticDb(file, TINY_SIZES);
    db = openReadDb(file);
  });

  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('covers every table of the app', () => {
    const tables = new Set(pageCases(facts).map((c) => c.table));
    expect([...tables].sort()).toEqual(['audit changes', 'audit operations', 'distribution txs', 'inventory', 'retirements', 'sinking txs']);
  });

  it.each(TINY_CASE_NAMES())('%s uses an index', (label) => {
    const c = pageCases(facts).find((x) => `${x.table} / ${x.name}` === label);
    expect(c).toBeDefined();
    const plans = casePlans(db, c!);
    expect(plans.length).toBeGreaterThan(0);
    const problems = plans.flatMap((p) => p.problems.map((msg) => `${msg}\n    in: ${p.sql.replace(/\s+/g, ' ').slice(0, 200)}`));
    expect(problems).toEqual([]);
  });

  // Issue 13: pages whose filter lies far from the key order walk an index in page order from the first match.
  it.each(Object.entries(EXPECTED_PLANS))('%s walks its index in page order', (label, expected) => {
    const c = pageCases(facts).find((x) => `${x.table} / ${x.name}` === label);
    expect(c).toBeDefined();
    const [page] = casePlans(db, c!);
    expect(page?.plan.join('; ')).toBe(expected);
  });
});

const STX_DATE = 'SEARCH sinking_txs USING INDEX idx_stx_created_toid';
const DTX_DATE = 'SEARCH distribution_txs USING INDEX idx_dtx_created_at';
/** The cursor's created_at, looked up by its toid once per statement. */
const STX_CURSOR = 'SCALAR SUBQUERY 1; SEARCH c USING INDEX idx_stx_toid (toid=?); REUSE SUBQUERY 1';
const FINALITY = 'SEARCH f USING COVERING INDEX idx_sale_finality (finalized=?); SEARCH sinking_txs USING INDEX idx_stx_toid (toid=?)';
/** Migration 009: the certificates' range from the retirements' date records, the seqs' from idx_ac_time past step-backs. */
const RET_PK = 'SEARCH retirements USING INTEGER PRIMARY KEY';
const RET_LOW = 'SEARCH retirement_date_low USING COVERING INDEX idx_retirement_date_low (retirement_date<?)';
const RET_HIGH = 'SEARCH retirement_date_high USING COVERING INDEX idx_retirement_date_high (retirement_date>?)';
const NOT_STEPPED = 'USING ROWID SEARCH ON TABLE audit_change_stepback FOR IN-OPERATOR';
const LAST_BEFORE = `SEARCH audit_changes USING COVERING INDEX idx_ac_time (changed_at<?); ${NOT_STEPPED}`;
const FIRST_FROM = `SEARCH audit_changes USING COVERING INDEX idx_ac_time (changed_at>?); ${NOT_STEPPED}`;
const STEP_BACKS = (range: string, list: number) =>
  `RIGHT; SEARCH audit_changes USING INTEGER PRIMARY KEY (rowid=?); LIST SUBQUERY ${list}; SEARCH audit_change_stepback USING INTEGER PRIMARY KEY (${range}); SCALAR SUBQUERY ${list - 1}; ${LAST_BEFORE}`;
const AC_PK = 'SEARCH audit_changes USING INTEGER PRIMARY KEY';
const OPS_IN_ORDER = 'SEARCH s USING INDEX idx_aoe_event (event=?); SEARCH f USING INDEX sqlite_autoindex_audit_operation_events_1 (operation_id=? AND event=?) LEFT-JOIN';
/** The plan of the page query (a case's first statement) of the cases migrations 007 and 009 serve. */
const EXPECTED_PLANS: Record<string, string> = {
  'sinking txs / from date, oldest first': `${STX_DATE} (created_at>?)`,
  'sinking txs / before date': `${STX_DATE} (created_at<?)`,
  'sinking txs / one month': `${STX_DATE} (created_at>? AND created_at<?)`,
  'sinking txs / from date, deep page': `${STX_DATE} (created_at>? AND (created_at,toid)<(?,?)); ${STX_CURSOR}`,
  'sinking txs / before date, deep page (asc)': `${STX_DATE} ((created_at,toid)>(?,?) AND created_at<?); ${STX_CURSOR}`,
  'sinking txs / finalized': FINALITY,
  'sinking txs / not finalized, oldest first': FINALITY,
  'sinking txs / finalized, deep page': FINALITY.replace('(finalized=?)', '(finalized=? AND rowid<?)'),
  // 192 = FTS5's "ORDER BY rowid DESC" flag: the trigram matches come out in page order, no sort.
  'sinking txs / memo contains (rare)': 'SCAN m VIRTUAL TABLE INDEX 192:M1; SEARCH sinking_txs USING INDEX idx_stx_toid (toid=?)',
  'sinking txs / memo contains (common)': 'SCAN m VIRTUAL TABLE INDEX 192:M1; SEARCH sinking_txs USING INDEX idx_stx_toid (toid=?)',
  'retirements / from date': `${RET_PK} (rowid>?); SCALAR SUBQUERY 1; ${RET_HIGH}`,
  'retirements / from date, lowest first': `${RET_PK} (rowid>?); SCALAR SUBQUERY 1; ${RET_HIGH}`,
  'retirements / before date': `${RET_PK} (rowid<?); SCALAR SUBQUERY 1; ${RET_LOW}`,
  'retirements / before date, lowest first': `${RET_PK} (rowid<?); SCALAR SUBQUERY 1; ${RET_LOW}`,
  'retirements / one month': `${RET_PK} (rowid>? AND rowid<?); SCALAR SUBQUERY 2; ${RET_LOW}; SCALAR SUBQUERY 1; ${RET_HIGH}`,
  'audit changes / since': `${AC_PK} (rowid>?); SCALAR SUBQUERY 2; ${FIRST_FROM}`,
  'audit changes / until': `MERGE (UNION ALL); LEFT; ${AC_PK} (rowid<?); SCALAR SUBQUERY 2; ${LAST_BEFORE}; ${STEP_BACKS('rowid>?', 6)}`,
  'audit changes / until, deep page': `MERGE (UNION ALL); LEFT; ${AC_PK} (rowid<?); SCALAR SUBQUERY 2; ${LAST_BEFORE}; ${STEP_BACKS('rowid>? AND rowid<?', 6)}`,
  'audit changes / since and until': `MERGE (UNION ALL); LEFT; ${AC_PK} (rowid>? AND rowid<?); SCALAR SUBQUERY 4; ${LAST_BEFORE}; SCALAR SUBQUERY 2; ${FIRST_FROM}; ${STEP_BACKS('rowid>?', 8)}`,
  'distribution txs / before date': `${DTX_DATE} (created_at<?)`,
  'distribution txs / one month': `${DTX_DATE} (created_at>? AND created_at<?)`,
  'distribution txs / from date, deep page': `${DTX_DATE} (created_at>? AND created_at<?); SCALAR SUBQUERY 1; SEARCH c USING INTEGER PRIMARY KEY (rowid=?); REUSE SUBQUERY 1`,
  // Migration 012: the start events newest first from idx_aoe_event (event, seq), no sort of every operation.
  'audit operations / first page': OPS_IN_ORDER,
  'audit operations / kind': OPS_IN_ORDER,
  'audit operations / status': OPS_IN_ORDER,
};

/** Case labels for it.each, built from a throwaway facts object (the names do not depend on the data). */
function TINY_CASE_NAMES(): string[] {
  const dummy = {
    middleToid: '1',
    middleCertificate: 1,
    firstSaleAt: '2022-01-01T00:00:00',
    lastSaleAt: '2026-01-01T00:00:00',
    busyFunder: 'G',
    busyRecipient: 'G',
    saleCount: 2,
    middleOperationId: 'x',
    middleChangeKey: 'x',
    middleChangeSeq: 1,
  } as SyntheticFacts;
  return pageCases(dummy).map((c) => `${c.table} / ${c.name}`);
}
