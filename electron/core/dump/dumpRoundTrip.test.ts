import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWriteDb } from '../db/open.js';
import type { WriteDb } from '../db/types.js';
import { DATA_TABLES } from '../db/migrations/index.js';
import { SC_DATA_DIR, hasShared } from '../../testkit/sharedDir.js';
import { parseDumpText } from './readDump.js';
import { restoreDatabase } from './restore.js';
import { DUMP_TABLES } from '../db/schema.js';
import { dumpDatabase } from './writeDump.js';

function keyed(text: string, table: (typeof DATA_TABLES)[number]): Map<string, string> {
  const { columns, primaryKey } = DUMP_TABLES[table];
  const pkIdx = primaryKey.map((k) => columns.findIndex((c) => c.name === k));
  const map = new Map<string, string>();
  for (const row of parseDumpText(text, table, table)) {
    const key = pkIdx.map((i) => String(row.values[i])).join('|');
    map.set(key, JSON.stringify(row.values, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));
  }
  return map;
}

describe.skipIf(!hasShared)('sc-data dumps: restore then dump', () => {
  let db: WriteDb;
  let out: string;
  beforeEach(() => {
    db = openWriteDb(':memory:');
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-dump-'));
  });
  afterEach(() => {
    db.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('restores every published row and dumps it back unchanged', () => {
    const restored = restoreDatabase(db, SC_DATA_DIR);
    expect(Object.fromEntries(restored.map((r) => [r.table, r.rows]))).toEqual({
      vcs_projects: 1,
      minted_blocks: 9,
      retirements: 17,
      sinking_txs: 31,
      distribution_txs: 29,
      retirement_from_block: 17,
      sink_status: 24,
    });
    dumpDatabase(db, out);
    for (const table of DATA_TABLES) {
      const published = fs.readFileSync(path.join(SC_DATA_DIR, `${table}.ndjson`), 'utf8');
      const ours = fs.readFileSync(path.join(out, `${table}.ndjson`), 'utf8');
      // Row values compared by primary key, with the lossless reader on both sides.
      expect(keyed(ours, table), table).toEqual(keyed(published, table));
      // And the text of every line is identical (row order may differ: ours is by primary key).
      const lines = (t: string) => t.split('\n').filter(Boolean).sort();
      expect(lines(ours), table).toEqual(lines(published));
      // Rows are written in insertion order, so a restored dump comes back byte for byte.
      expect(ours, table).toBe(published);
    }
  });

  it('keeps TOIDs above 2^53 exact', () => {
    restoreDatabase(db, SC_DATA_DIR, { tables: ['vcs_projects', 'sinking_txs'] });
    const row = db.prepare("SELECT toid FROM sinking_txs WHERE hash LIKE '61d4ff55%'").safeIntegers(true).get() as { toid: bigint };
    expect(row.toid).toBe(164821723627237383n);
  });

  it('leaves tables that hold rows alone unless replace', () => {
    restoreDatabase(db, SC_DATA_DIR);
    db.prepare('DELETE FROM distribution_txs WHERE rowid IN (SELECT rowid FROM distribution_txs LIMIT 4)').run();
    const again = restoreDatabase(db, SC_DATA_DIR);
    expect(again.every((r) => r.action === 'kept')).toBe(true);
    expect(again.find((r) => r.table === 'distribution_txs')?.rows).toBe(25);
    const replaced = restoreDatabase(db, SC_DATA_DIR, { replace: true });
    expect(replaced.find((r) => r.table === 'distribution_txs')).toMatchObject({ action: 'restored', rows: 29, deleted: 25 });
    expect(replaced.find((r) => r.table === 'vcs_projects')).toMatchObject({ action: 'restored', rows: 1, deleted: 1 });
  });

  it('writes an empty table as a lone newline, and reads it back', () => {
    dumpDatabase(db, out, ['sink_status']);
    expect(fs.readFileSync(path.join(out, 'sink_status.ndjson'), 'utf8')).toBe('\n');
    expect(fs.readdirSync(out)).toEqual(['sink_status.ndjson']);
  });
});
