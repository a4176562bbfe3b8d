import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRequest } from '../../../shared/api/export.js';
import { Engine } from '../engine.js';
import { openReadDb } from '../db/open.js';
import { seedEdgeRows, seedExportData } from '../../testkit/exportSeed.js';
import { openCommitProbe } from './splitExport.js';
import { renameColumn, type ViewSource, viewSource } from './viewSources.js';
import { writeRows } from './writeExport.js';
import { collectingSink, commitAtFirstWrite } from '../../testkit/collectingSink.js';

/**
 * The export over two threads (splitExport.ts): the second half read and encoded by a worker on its own
 * connection. Its bytes must be the one-thread export's, byte for byte (that one is compared with the row mappers
 * in encodeColumns.test.ts), and both halves must come from one snapshot even when a commit lands meanwhile.
 */
let dir: string;
let engine: Engine;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-split-'));
  engine = new Engine(path.join(dir, 'db.sqlite3'));
  seedExportData(engine.writer(), 301);
  seedEdgeRows(engine.writer());
});
afterAll(() => {
  engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const collect = collectingSink;

const spills = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`.sc-export-${process.pid}-`));

async function both(source: ViewSource, view: string, output: { format: 'csv' | 'json'; raw?: boolean; pretty?: boolean }) {
  const one = collect();
  const two = collect();
  const progress: [number, number | null][] = [];
  const a = await writeRows(engine.reader(), view, source, output, one, { splitMinRows: Infinity });
  const b = await writeRows(engine.reader(), view, source, output, two, { splitMinRows: 2, batchRows: 50, onProgress: (r, t) => progress.push([r, t]) });
  return { one, two, a, b, progress };
}

describe('the export over two threads', () => {
  it('writes the one-thread bytes for every spec’d view and format, in one snapshot', async () => {
    for (const [view, filters] of [
      ['sinkingTxs', { order: 'desc' }],
      ['sinkingTxs', { order: 'asc', finalized: true }],
      ['inventory', {}],
      ['retirements', {}],
      ['distributionTxs', {}],
      ['changes', {}],
    ] as const) {
      const source = viewSource(exportRequest.parse({ view, format: 'csv', filters }));
      for (const output of [{ format: 'csv' }, { format: 'csv', raw: true }, { format: 'json' }, { format: 'json', pretty: true }] as const) {
        const { one, two, a, b, progress } = await both(source, view, output);
        const what = `${view} ${JSON.stringify(filters)} ${JSON.stringify(output)}`;
        expect(two.text(), what).toBe(one.text());
        expect(b, what).toEqual({ ...a, workerRows: Math.floor(a.rows / 2) });
        expect(a.workerRows).toBe(0);
        if (a.rows > 1) expect(progress.at(-1), what).toEqual([a.rows, a.rows]);
      }
    }
    expect(spills()).toEqual([]);
  });

  it('keeps a renamed column renamed in the worker’s half', async () => {
    const source = renameColumn(viewSource(exportRequest.parse({ view: 'sinkingTxs', format: 'json', filters: {} })), 'carbon_amount', 'kg');
    const { one, two } = await both(source, 'sinkingTxs', { format: 'json' });
    expect(two.text()).toBe(one.text());
    const rows = JSON.parse(two.text()) as Record<string, unknown>[];
    expect(rows.at(-1)).toHaveProperty('kg');
    expect(rows.at(-1)).not.toHaveProperty('carbon_amount');
  });

  it('reads the second half itself, from its own snapshot, when a commit came between the two snapshots', async () => {
    const source = viewSource(exportRequest.parse({ view: 'distributionTxs', format: 'csv', filters: {} }));
    const before = collect();
    await writeRows(engine.reader(), 'distributionTxs', source, { format: 'csv' }, before, { splitMinRows: Infinity });
    const w = engine.writer();
    const row = w.prepare('SELECT * FROM distribution_txs ORDER BY toid LIMIT 1').get() as Record<string, unknown>;
    const out = commitAtFirstWrite(() => w.prepare("UPDATE distribution_txs SET created_at = '1999-01-01T00:00:00' WHERE hash = ?").run(row.hash));
    try {
      const r = await writeRows(engine.reader(), 'distributionTxs', source, { format: 'csv' }, out, { splitMinRows: 2 });
      expect(r.workerRows).toBe(0);
    } finally {
      w.prepare('UPDATE distribution_txs SET created_at = ? WHERE hash = ?').run(row.created_at, row.hash);
    }
    expect(out.committed).toBe(true);
    expect(out.text()).toBe(before.text());
    expect(out.text()).not.toContain('1999-01-01');
  });

  it('proves two snapshots equal only when nothing was committed between them', () => {
    const file = path.join(dir, 'db.sqlite3');
    const quiet = openCommitProbe(file);
    const reader = openReadDb(file);
    reader.prepare('SELECT count(*) FROM sinking_txs').get();
    reader.close();
    expect(quiet.unchanged()).toBe(true);
    quiet.close();
    const probe = openCommitProbe(file);
    engine.writer().prepare('UPDATE sinking_txs SET memo_value = memo_value WHERE toid = (SELECT min(toid) FROM sinking_txs)').run();
    expect(probe.unchanged()).toBe(false);
    probe.close();
  });

  it('stops the worker and leaves no spill file when the export is cancelled', async () => {
    const source = viewSource(exportRequest.parse({ view: 'sinkingTxs', format: 'csv', filters: {} }));
    const ac = new AbortController();
    const err = await writeRows(engine.reader(), 'sinkingTxs', source, { format: 'csv' }, collect(), {
      splitMinRows: 2,
      batchRows: 10,
      signal: ac.signal,
      onProgress: (rows) => rows >= 20 && ac.abort(),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'CANCELLED' });
    expect(spills()).toEqual([]);
    // The connection is usable again: no statement or transaction left open.
    expect(engine.reader().inTransaction).toBe(false);
  });
});
