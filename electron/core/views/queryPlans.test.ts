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
});

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
