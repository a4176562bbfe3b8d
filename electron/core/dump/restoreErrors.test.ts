import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { openWriteDb } from '../db/open.js';
import type { WriteDb } from '../db/types.js';
import { DATA_TABLES } from '../db/migrations/index.js';
import { SC_DATA_DIR, hasShared } from '../../testkit/sharedDir.js';
import { restoreDatabase } from './restore.js';

/** A scratch copy of the published dumps (in the OS temp dir) with one file edited by `edit`. */
function tampered(file: string, edit: (lines: string[]) => string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-tamper-'));
  for (const t of DATA_TABLES) fs.copyFileSync(path.join(SC_DATA_DIR, `${t}.ndjson`), path.join(dir, `${t}.ndjson`));
  const p = path.join(dir, file);
  const lines = fs.readFileSync(p, 'utf8').split('\n');
  fs.writeFileSync(p, edit(lines).join('\n'));
  return dir;
}

function totalRows(db: WriteDb): number {
  return DATA_TABLES.reduce((n, t) => n + Number((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n), 0);
}

function restoreError(db: WriteDb, dir: string, opts = {}): AppError {
  try {
    restoreDatabase(db, dir, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('restore did not fail');
}

const setLine = (i: number, f: (l: string) => string) => (lines: string[]) => lines.map((l, j) => (j === i ? f(l) : l));

describe.skipIf(!hasShared)('restore refuses tampered dumps and writes nothing', () => {
  let db: WriteDb;
  const dirs: string[] = [];
  beforeEach(() => {
    db = openWriteDb(':memory:');
  });
  afterEach(() => {
    db.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const make = (file: string, edit: (lines: string[]) => string[]) => {
    const d = tampered(file, edit);
    dirs.push(d);
    return d;
  };

  const cases: [string, string, (lines: string[]) => string[], RegExp][] = [
    ['malformed JSON', 'sinking_txs.ndjson', setLine(2, (l) => l.slice(0, -1)), /sinking_txs\.ndjson:3: malformed JSON/],
    ['a missing column', 'retirements.ndjson', setLine(0, (l) => l.replace(/,97259\]$/, ']')), /retirements\.ndjson:1: 11 values, but retirements has 12/],
    ['a TOID rounded by a float parser', 'minted_blocks.ndjson', setLine(1, (l) => l.replace(/164810659791396865\]$/, '1.6481065979139686e17]')), /minted_blocks\.ndjson:2: column toid: expected a TOID integer/],
    ['a string where a number belongs', 'sink_status.ndjson', setLine(0, (l) => l.replace(',1.0,', ',"1.0",')), /sink_status\.ndjson:1: column amount_filled: expected a decimal number/],
    ['carbon beyond kilogram precision', 'sinking_txs.ndjson', setLine(0, (l) => l.replace(',1.0,"AQUA"', ',1.0001,"AQUA"')), /sinking_txs\.ndjson:1: column carbon_amount: .*more than 3 decimals/],
    ['an account id with a bad checksum', 'sinking_txs.ndjson', setLine(0, (l) => l.replace('GAVF6ZB7', 'GAVF6ZB8')), /sinking_txs\.ndjson:1: column funder: expected a Stellar account id/],
    ['an uppercase hash', 'distribution_txs.ndjson', setLine(0, (l) => l.replace('61d4ff55', '61D4FF55')), /distribution_txs\.ndjson:1: column hash/],
    ['an impossible date', 'retirements.ndjson', setLine(0, (l) => l.replace('2021-11-21T00:00:00', '2021-02-30T00:00:00')), /retirements\.ndjson:1: column retirement_date/],
    ['a null in a required column', 'vcs_projects.ndjson', setLine(0, (l) => l.replace('"Peru"', 'null')), /vcs_projects\.ndjson:1: column country: null/],
    ['a duplicated primary key', 'retirements.ndjson', (lines) => [lines[0] as string, ...lines], /retirements\.ndjson:2: rejected by the retirements table/],
    ['a negative amount', 'retirement_from_block.ndjson', setLine(0, (l) => l.replace(/,1\]$/, ',-1]')), /retirement_from_block\.ndjson:1: rejected/],
    ['a status of an unknown sale', 'sink_status.ndjson', setLine(0, (l) => l.replace('61d4ff55', '00000000')), /pointing at missing rows.*sink_status/],
  ];

  for (const [name, file, edit, message] of cases) {
    it(`rejects ${name}`, () => {
      const err = restoreError(db, make(file, edit));
      expect(err.code).toBe('BAD_INPUT');
      expect(err.message).toMatch(message);
      expect(totalRows(db)).toBe(0);
    });
  }

  it('skips an unknown table file with a warning and restores the rest (as sc-audit does)', () => {
    const dir = make('vcs_projects.ndjson', (l) => l);
    fs.writeFileSync(path.join(dir, 'sink_statuses.ndjson'), '[1]\n');
    const warnings: string[] = [];
    const results = restoreDatabase(db, dir, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/sink_statuses\.ndjson: unknown table "sink_statuses" skipped/);
    expect(results.every((r) => r.action === 'restored')).toBe(true);
    expect(totalRows(db)).toBe(128);
  });

  it('rejects an unknown table name and a selected table without a file', () => {
    expect(restoreError(db, SC_DATA_DIR, { tables: ['nope'] }).code).toBe('BAD_INPUT');
    const dir = make('vcs_projects.ndjson', (l) => l);
    fs.rmSync(path.join(dir, 'sink_status.ndjson'));
    expect(restoreError(db, dir, { tables: ['sink_status'] }).code).toBe('NOT_FOUND');
  });

  it('keeps the old rows when a replace fails', () => {
    restoreDatabase(db, SC_DATA_DIR);
    const before = totalRows(db);
    const err = restoreError(db, make('sinking_txs.ndjson', setLine(30, () => '[')), { replace: true });
    expect(err.message).toMatch(/sinking_txs\.ndjson:31/);
    expect(totalRows(db)).toBe(before);
  });

  it('refuses a replace of parents that would orphan children', () => {
    restoreDatabase(db, SC_DATA_DIR);
    const before = totalRows(db);
    const dir = make('sinking_txs.ndjson', (lines) => lines.slice(1));
    const err = restoreError(db, dir, { replace: true, tables: ['sinking_txs'] });
    expect(err.message).toMatch(/pointing at missing rows/);
    expect(totalRows(db)).toBe(before);
  });
});
