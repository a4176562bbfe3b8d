import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSourceConfig } from '../../core/config.js';
import { DATA_TABLES, type DataTable } from '../../core/db/migrations/index.js';
import { openWriteDb } from '../../core/db/open.js';
import { parseDumpText } from '../../core/dump/readDump.js';
import { restoreDatabase } from '../../core/dump/restore.js';
import { DUMP_TABLES } from '../../core/db/schema.js';
import { catchUp } from '../../core/sync/catchUp.js';
import { worldFromScData } from '../fakeWorld/fromScData.js';
import { elderLedgerKeeping, prunedWorld } from '../fakeWorld/history.js';
import { readScTable } from '../fakeWorld/scData.js';
import { startFakeWorld } from '../fakeWorld/server.js';
import { hasShared, SC_DATA_DIR } from '../sharedDir.js';
import { DEFAULT_SNAPSHOT_DATE, editedDump, olderSnapshot, SC_DATA_FILES, scDataFiles, splitDumpLine } from './snapshot.js';

const lines = (text: string | undefined) => (text ?? '').split('\n').filter((l) => l !== '');
const original = (table: DataTable) => lines(fs.readFileSync(path.join(SC_DATA_DIR, `${table}.ndjson`), 'utf8'));
const value = (cell: string | undefined) => (cell?.startsWith('"') ? (JSON.parse(cell) as string) : (cell ?? ''));

describe.skipIf(!hasShared)('sc-data as it looked on an earlier day', () => {
  it(`keeps the rows of ${DEFAULT_SNAPSHOT_DATE} and before, and the associations of the kept retirements`, () => {
    const snap = olderSnapshot(SC_DATA_DIR);
    expect(Object.keys(snap)).toEqual([...SC_DATA_FILES]);
    const counts = Object.fromEntries(DATA_TABLES.map((t) => [t, lines(snap[`${t}.ndjson`]).length]));
    expect(counts).toEqual({ vcs_projects: 1, minted_blocks: 9, retirements: 14, sinking_txs: 28, distribution_txs: 26, retirement_from_block: 14, sink_status: 21 });
    for (const t of DATA_TABLES.filter((t) => t !== 'sinking_txs')) {
      // Byte-identical lines, in the dump's order.
      const orig = original(t);
      const kept = lines(snap[`${t}.ndjson`]);
      expect(orig.filter((l) => kept.includes(l)), t).toEqual(kept);
      expect(snap[`${t}.ndjson`]?.endsWith('\n')).toBe(true);
    }
    const dates = lines(snap['retirements.ndjson']).map((l) => value(splitDumpLine(l)[3]));
    expect(dates.every((d) => d.slice(0, 10) <= DEFAULT_SNAPSHOT_DATE)).toBe(true);
  });

  it('writes sinking_txs in the 15-column shape of before migration 77ea86674a18, TOIDs unchanged as text', () => {
    const snap = lines(olderSnapshot(SC_DATA_DIR)['sinking_txs.ndjson']);
    const byHash = new Map(original('sinking_txs').map((l) => [splitDumpLine(l)[0], l]));
    let corruptedByJsonParse = 0;
    for (const line of snap) {
      const cells = splitDumpLine(line);
      expect(cells).toHaveLength(15);
      const orig = byHash.get(cells[0]) as string;
      const origCells = splitDumpLine(orig);
      expect(origCells[2]).toBe('null');
      expect(cells).toEqual([...origCells.slice(0, 2), ...origCells.slice(3)]);
      expect(line).toBe(orig.replace(/^(\["[0-9a-f]{64}","[0-9T:-]{19}"),null,/, '$1,'));
      const toid = cells[14] as string;
      expect(toid).toMatch(/^\d{18}$/);
      expect(toid).toBe(origCells[15]);
      expect(line.endsWith(`,${toid}]`)).toBe(true);
      if (String((JSON.parse(line) as unknown[])[14]) !== toid) corruptedByJsonParse++;
    }
    expect(corruptedByJsonParse).toBe(snap.length); // why the cells are cut as text
    // The app reads the old shape back with contract_id null and the same TOIDs.
    const rows = parseDumpText(`${snap.join('\n')}\n`, 'sinking_txs', 'sinking_txs.ndjson');
    const toidAt = DUMP_TABLES.sinking_txs.columns.findIndex((c) => c.name === 'toid');
    expect(rows.map((r) => String(r.values[toidAt]))).toEqual(snap.map((l) => splitDumpLine(l)[14]));
    expect(rows.every((r) => r.values[2] === null)).toBe(true);
    expect(lines(olderSnapshot(SC_DATA_DIR, DEFAULT_SNAPSHOT_DATE, { sinkingTxs: 'current' })['sinking_txs.ndjson'])).toEqual(original('sinking_txs').slice(0, 28));
  });

  it('is closed: every sink_status names a kept sale and retirement, every retirement_from_block a kept block', () => {
    const snap = olderSnapshot(SC_DATA_DIR);
    const col = (t: DataTable, c: number) => new Set(lines(snap[`${t}.ndjson`]).map((l) => value(splitDumpLine(l)[c])));
    const sales = col('sinking_txs', 0);
    const blocks = col('minted_blocks', 0);
    const retirements = col('retirements', 0);
    for (const l of lines(snap['sink_status.ndjson'])) {
      const [sale, cert] = splitDumpLine(l);
      expect(sales.has(value(sale)), l).toBe(true);
      expect(retirements.has(value(cert)), l).toBe(true);
    }
    for (const l of lines(snap['retirement_from_block.ndjson'])) {
      const [cert, block] = splitDumpLine(l);
      expect(retirements.has(value(cert)), l).toBe(true);
      expect(blocks.has(value(block)), l).toBe(true);
    }
    expect(() => olderSnapshot(SC_DATA_DIR, '30/12/2024')).toThrow(/YYYY-MM-DD/);
  });

  it('converges: a catch-up from the snapshot against one year of Horizon history reproduces the full dumps', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-data-snapshot-'));
    const full = worldFromScData(SC_DATA_DIR);
    const server = await startFakeWorld(prunedWorld(full, elderLedgerKeeping(full, 365), 'clamp'));
    const db = openWriteDb(':memory:');
    try {
      for (const [name, text] of Object.entries(olderSnapshot(SC_DATA_DIR))) fs.writeFileSync(path.join(dir, name), text);
      restoreDatabase(db, dir);
      const counts = await catchUp(db, loadSourceConfig({}, server.settings), { http: { sleep: () => Promise.resolve() } });
      expect(counts).toMatchObject({ 'sinking-txs': 3, 'distribution-txs': 3, retirements: 3, 'minted-blocks': 0, 'sink-statuses': 3, 'retirement-from-block': 3 });
      for (const table of DATA_TABLES) {
        const { columns, primaryKey } = DUMP_TABLES[table];
        const key = (r: Record<string, unknown>) => primaryKey.map((k) => String(r[k])).join('|');
        const text = (r: Record<string, unknown>) => columns.map((c) => String(r[c.name])).join(',');
        const want = new Map(readScTable(SC_DATA_DIR, table).map((r) => [key(r), text(r)]));
        const got = new Map((db.prepare(`SELECT * FROM ${table}`).safeIntegers(true).all() as Record<string, unknown>[]).map((r) => [key(r), text(r)]));
        expect(got, table).toEqual(want);
      }
    } finally {
      db.close();
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasShared)('sc-data edited before publishing', () => {
  it('changes exactly one cell of one row, every other byte as published', () => {
    const published = scDataFiles(SC_DATA_DIR);
    const edited = editedDump(SC_DATA_DIR, 'retirements', 143471, 'vcu_amount', '2');
    for (const name of SC_DATA_FILES.filter((n) => n !== 'retirements.ndjson')) expect(edited[name], name).toBe(published[name]);
    const before = (published['retirements.ndjson'] ?? '').split('\n');
    const after = (edited['retirements.ndjson'] ?? '').split('\n');
    const changed = before.flatMap((l, i) => (l === after[i] ? [] : [i]));
    expect(changed).toEqual([0]);
    expect(after[0]).toBe((before[0] ?? '').replace(/^\[143471,1,/, '[143471,2,'));

    // A composite key, and a TOID cell: the rest of the line keeps its digits.
    const partlyFilled = '20dbafdc604fc1a48eafc4ce0df2b6151dfa5a5241c307f811a99ce4ddf2fb7f';
    const status = editedDump(SC_DATA_DIR, 'sink_status', [partlyFilled, 152453n], 'finalized', 'true');
    expect(lines(status['sink_status.ndjson']).filter((l) => l.includes(',152453,'))).toEqual([expect.stringMatching(/,3\.0,true\]$/)]);
    const toid = editedDump(SC_DATA_DIR, 'distribution_txs', '164821723627237380', 'carbon_amount', '1.5');
    expect(lines(toid['distribution_txs.ndjson'])[0]).toMatch(/,1\.5,164821723627237380\]$/);
  });

  it('edits an older snapshot too (15-column sinking_txs), and refuses an unknown key or column', () => {
    const snap = olderSnapshot(SC_DATA_DIR);
    const hash = '61d4ff5516b7098bbc2219d244e7f29a039c32735e1c16d1c05d66a0739727d9';
    const edited = editedDump(snap, 'sinking_txs', hash, 'memo_value', '"edited"');
    const first = splitDumpLine(lines(edited['sinking_txs.ndjson'])[0] as string);
    expect(first).toHaveLength(15);
    expect(first[13]).toBe('"edited"');
    expect(first[14]).toBe('164821723627237383');
    expect(() => editedDump(SC_DATA_DIR, 'retirements', 1, 'vcu_amount', '2')).toThrow(/0 rows/);
    expect(() => editedDump(SC_DATA_DIR, 'retirements', 143471, 'no_such_column', '2')).toThrow(/no column/);
    expect(() => editedDump(SC_DATA_DIR, 'retirements', 143471, 'vcu_amount', '[2]')).toThrow(/scalar/);
  });
});
