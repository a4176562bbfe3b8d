import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch.js';
import { createHandlers } from '../api/handlers.js';
import { openReadDb } from '../db/open.js';
import type { ReadDb } from '../db/types.js';
import { Engine } from '../engine.js';
import { generateSyntheticDb, TINY_SIZES } from '../../testkit/synthetic/generate.js';
import { recordStatements } from '../../testkit/synthetic/pageCases.js';
import { explain, planProblems } from '../../testkit/synthetic/queryPlan.js';
import { lookup } from './lookup.js';

/** The palette's search: the same hits as a plain prefix filter over every row, each from an index range. */
describe('lookup by the start of a hash, id or address', () => {
  let dir: string;
  let file: string;
  let db: ReadDb;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-lookup-'));
    file = path.join(dir, 'lookup.sqlite3');
    generateSyntheticDb(file, TINY_SIZES);
    db = openReadDb(file);
  });
  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const column = (sql: string) => (db.prepare(sql).pluck().all() as (string | number)[]).map(String);
  const startsWith = (values: string[], p: string, limit: number) => [...new Set(values.filter((v) => v.startsWith(p)))].sort().slice(0, limit);

  it('finds sales and blocks by hash prefix, retirements by leading digits, accounts by address prefix', () => {
    const hashes = column('SELECT hash FROM sinking_txs');
    const blocks = column('SELECT serial_hash FROM minted_blocks');
    const certs = column('SELECT certificate_id FROM retirements');
    const funders = column('SELECT funder FROM sinking_txs');
    const recipients = column('SELECT recipient FROM sinking_txs');
    for (const p of [hashes[7]!.slice(0, 3), hashes[11]!.slice(0, 2), blocks[0]!.slice(0, 4), hashes[3]!]) {
      const hits = lookup(db, p.toUpperCase(), 5);
      expect(hits.filter((h) => h.kind === 'sale').map((h) => h.key)).toEqual(startsWith(hashes, p, 5));
      expect(hits.filter((h) => h.kind === 'block').map((h) => h.key)).toEqual(startsWith(blocks, p, 5));
    }
    for (const p of [certs[0]!.slice(0, 2), certs[17]!, '9']) {
      const got = lookup(db, p, 8).filter((h) => h.kind === 'retirement').map((h) => Number(h.key));
      const want = certs.filter((c) => c.startsWith(p)).map(Number).sort((a, b) => a - b).slice(0, 8);
      expect(got).toEqual(want);
    }
    const address = funders[5]!.slice(0, 4).toLowerCase();
    const hits = lookup(db, address, 6);
    expect(hits.filter((h) => h.kind === 'funder').map((h) => h.key)).toEqual(startsWith(funders, address.toUpperCase(), 6));
    expect(hits.filter((h) => h.kind === 'recipient').map((h) => h.key)).toEqual(startsWith(recipients, address.toUpperCase(), 6));
    expect(hits.find((h) => h.kind === 'funder')?.detail).toBe('funded sales');
    expect(lookup(db, 'zz', 5)).toEqual([]);
  });

  it('reads every kind through an index range, never a scan of a table', () => {
    for (const text of ['ab', '12', 'GA']) {
      for (const { sql, args } of recordStatements(db, (d) => lookup(d, text, 8))) {
        expect(planProblems({ walk: false, detail: true, sortsRange: true }, explain(db, sql, args)), sql).toEqual([]);
      }
    }
  });

  it('refuses bad input by the contract', async () => {
    const engine = new Engine(file);
    try {
      const handlers = createHandlers(engine);
      for (const text of ['a', 'ab cd', 'x'.repeat(65), 'ab%']) {
        expect(await dispatch(handlers, 'views.lookup', { text }, { via: 'test' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      }
      const ok = await dispatch(handlers, 'views.lookup', { text: column('SELECT hash FROM sinking_txs')[0]!.slice(0, 6) }, { via: 'test' });
      expect(ok.ok && (ok.value as { kind: string }[])[0]?.kind).toBe('sale');
    } finally {
      engine.close();
    }
  });
});
