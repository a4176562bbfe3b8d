import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRequest } from '../../../shared/api/export.js';
import { Engine } from '../engine.js';
import { iterateRows } from '../db/sql.js';
import { viewInventory } from '../views/inventory.js';
import { listSinkingTxs } from '../views/sinkingTxs.js';
import { seedEdgeRows, seedExportData } from '../../testkit/exportSeed.js';
import { toCsv } from './format.js';
import { toCells } from './rowEncoder.js';
import { renameColumn, type ViewSource, viewSource } from './viewSources.js';
import { writeRows } from './writeExport.js';
import { collectingSink } from '../../testkit/collectingSink.js';

/**
 * The export and the CLI encode straight from the query's `.raw()` columns. Here that output is compared, byte for
 * byte, with the row-mapper path it replaced: the view's API rows (mapBatch) written by toCsv and JSON.stringify,
 * for every view, both formats, raw CSV and the CLI's indented JSON, over rows holding the awkward values.
 */
let dir: string;
let engine: Engine;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-encode-'));
  engine = new Engine(path.join(dir, 'db.sqlite3'));
  seedExportData(engine.writer(), 300);
  seedEdgeRows(engine.writer());
  // A change-log row or two for the changes view (the seeds drop the triggers), NULLs included.
  // Registry drift entries (issue 15): a formula-like value, a NULL now, a retirement with no covered sale.
  engine.writer().exec(`INSERT INTO registry_drift (seq, source, subject, field, kind, first_value, current_value, noticed_at, operation_id, hash) VALUES
    (1, 'retirement', '999', 'retirement_beneficiary', 'reassigned', '=HYPERLINK("x")', 'a, "b"', '2025-01-01T00:00:00.000Z', NULL, 'h1'),
    (2, 'pool_batch', '8040-1-2-VCU', 'record', 'removed', 'listed', NULL, '2025-01-02T00:00:00.000Z', 'op', 'h2')`);
  engine.writer().prepare("INSERT INTO audit_changes (operation_id, table_name, record_key, kind, before_json, after_json, changed_at, hash) VALUES (NULL, 'vcs_projects', '=1', 'insert', NULL, '{\"a\":\"b,\\\"c\\\"\"}', '2025-01-01T00:00:00.000', 'x')").run();
});
afterAll(() => {
  engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const collect = collectingSink;

/** What the export wrote before: the API rows of the view's row mapper, through the generic writers. */
function byRowMapper(source: ViewSource, format: 'csv' | 'json', opts: { raw?: boolean; pretty?: boolean }): string {
  const rows = source.mapBatch([...iterateRows(engine.reader(), source.query, { bigInts: source.bigInts })]);
  if (format === 'csv') return toCsv({ columns: source.columns, rows: rows.map((r) => toCells(r, source.columns)) }, { raw: opts.raw === true });
  if (opts.pretty) return `${JSON.stringify(rows, null, 2)}\n`;
  return rows.length ? `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n` : '[\n]\n';
}

const VIEWS: [string, Record<string, unknown>][] = [
  ['inventory', {}],
  ['inventory', { untilDate: '2024-06-01', omitEmpty: true }],
  ['sinkingTxs', { order: 'desc' }],
  ['sinkingTxs', { order: 'asc', finalized: true }],
  ['sinkingTxs', { memo: 'nothing matches this' }],
  ['retirements', {}],
  ['distributionTxs', {}],
  ['changes', {}],
  ['operations', {}],
  ['drift', {}],
  ['drift', { source: 'pool_batch', order: 'asc' }],
];

describe('encoding straight from the columns', () => {
  it('writes what the row mappers and the generic writers write, for every view and format', async () => {
    for (const [view, filters] of VIEWS) {
      const source = viewSource(exportRequest.parse({ view, format: 'csv', filters }));
      if (view !== 'operations') expect(source.fields, view).not.toBeNull();
      for (const [format, opts] of [
        ['csv', {}],
        ['csv', { raw: true }],
        ['json', {}],
        ['json', { pretty: true }],
      ] as const) {
        const out = collect();
        const r = await writeRows(engine.reader(), view, source, { format, ...opts }, out);
        const expected = byRowMapper(source, format, opts);
        expect(out.text(), `${view} ${JSON.stringify(filters)} ${format} ${JSON.stringify(opts)}`).toBe(expected);
        expect(r.bytes).toBe(Buffer.byteLength(expected));
      }
    }
  });

  it('keeps the edge values exact and neutralises formulas in every text column', async () => {
    const read = async (view: string, format: 'csv' | 'json') => {
      const out = collect();
      await writeRows(engine.reader(), view, viewSource(exportRequest.parse({ view, format, filters: {} })), { format }, out);
      return out.text();
    };
    const sinksJson = JSON.parse(await read('sinkingTxs', 'json')) as { toid: string; carbon_amount: string; source_asset_amount: string; statuses: { amount_filled: string }[] }[];
    const big = sinksJson.find((r) => r.toid === '9223372036854775807');
    // 2^63 - 1 minor units: past 2^53, so only exact integer handling gets every digit.
    expect(big).toMatchObject({ carbon_amount: '9223372036854775.807', source_asset_amount: '922337203685.4775807', statuses: [{ amount_filled: '9223372036854775.807' }] });
    expect(sinksJson.find((r) => r.toid === '2')).toMatchObject({ carbon_amount: '0.000', source_asset_amount: '0.0000000' });
    expect(sinksJson).toEqual(listSinkingTxs(engine.reader(), { limit: null }).rows);
    const sinksCsv = await read('sinkingTxs', 'csv');
    expect(sinksCsv).toContain(",'-USDC,,922337203685.4775807,'@CarbonSINK,");
    expect(sinksCsv).toContain(',\'+1,');
    expect(sinksCsv).toContain(',-12.5,1,[]\r\n');
    expect(sinksCsv).toContain('"say ""hi""\n🌍 \u0000 ok"');
    const inventory = await read('inventory', 'csv');
    expect(inventory).toContain(`,"'=SERIAL,""x""",`);
    expect(inventory).toContain(`,"'@sub\naccount",`);
    expect(inventory).toContain(`"'=cmd|""/C calc""!A0","line\r\nbreak, ""quoted"""\r\n`);
    expect(JSON.parse(await read('inventory', 'json'))).toEqual(viewInventory(engine.reader()).rows);
    expect(await read('distributionTxs', 'csv')).toContain(',9223372036854775.807,9223372036854775806\r\n');
  });

  it('writes a renamed column under its new name, the values unchanged', async () => {
    const source = viewSource(exportRequest.parse({ view: 'inventory', format: 'csv', filters: { untilDate: '2025-01-01' } }));
    const renamed = renameColumn(source, 'credits_remaining', 'credits_remaining_on_date');
    const plain = collect();
    const out = collect();
    await writeRows(engine.reader(), 'inventory', source, { format: 'csv' }, plain);
    await writeRows(engine.reader(), 'inventory', renamed, { format: 'csv' }, out);
    const [header, ...rest] = out.text().split('\r\n');
    expect(header).toBe(plain.text().split('\r\n')[0]?.replace('credits_remaining', 'credits_remaining_on_date'));
    expect(rest).toEqual(plain.text().split('\r\n').slice(1));
    expect(out.text()).toBe(byRowMapper(renamed, 'csv', {}));
  });
});
