import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listOperations } from '../audit/queries.js';
import { DATA_TABLES } from '../db/migrations/index.js';
import { type Engine } from '../engine.js';
import { runBootstrap, runSync } from '../sync/runSync.js';
import { hasShared, SC_DATA_DIR } from '../../testkit/sharedDir.js';
import { olderSnapshot, type ScDataSource } from '../../testkit/fakeScData/index.js';
import { FirstRun } from '../../testkit/firstRun.js';
import { worldFromScData, type World } from '../../testkit/fakeWorld/index.js';
import { dbRows, dumpRows } from '../../testkit/publishedTables.js';

const http = { sleep: () => Promise.resolve(), maxRetries: 1 };
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe.skipIf(!hasShared)('bootstrap from the published dumps, then catch-up', () => {
  const run = new FirstRun();
  afterEach(() => run.close());
  const setUp = (w: World, dumps: ScDataSource = SC_DATA_DIR) => run.start(w, dumps);

  const expectPublished = (e: Engine) => {
    for (const table of DATA_TABLES) expect(dbRows(e.reader(), table), table).toEqual(dumpRows(SC_DATA_DIR, table));
  };
  const rowCount = (e: Engine) => DATA_TABLES.reduce((n, t) => n + Number(e.reader().prepare(`SELECT count(*) FROM ${t}`).pluck().get()), 0);

  it('restores every table, records each file as taken on trust, and the catch-up then finds nothing new', async () => {
    const e = await setUp(worldFromScData(SC_DATA_DIR));
    const lines: string[] = [];
    const result = await runSync(e, { via: 'test', http, onBootstrap: (p) => lines.push(p.message) });
    expect(result.bootstrapError).toBeNull();
    expect(result.bootstrap?.files.map((f) => [f.table, f.action, f.rows])).toEqual([
      ['vcs_projects', 'restored', 1], ['minted_blocks', 'restored', 9], ['retirements', 'restored', 17], ['sinking_txs', 'restored', 31],
      ['distribution_txs', 'restored', 29], ['retirement_from_block', 'restored', 17], ['sink_status', 'restored', 24],
    ]);
    for (const f of result.bootstrap?.files ?? []) {
      expect(f.sha256).toBe(sha256(path.join(SC_DATA_DIR, `${f.table}.ndjson`)));
      expect(f.source).toBe(`${run.scData?.url}/${f.table}.ndjson`);
    }
    expect(lines.filter((l) => /^\w+\.ndjson: \d+ rows, [\d,]+ bytes, sha256 [0-9a-f]{64}$/.test(l))).toHaveLength(7);
    expect(result.counts.every((c) => c.loaded === 0)).toBe(true);
    expectPublished(e);

    // The audit log names the source and every file's hash: exactly what was taken on trust.
    const ops = listOperations(e.reader(), {}).rows;
    const boot = ops.find((o) => o.kind === 'bootstrap');
    expect(JSON.parse(boot?.params ?? '{}')).toEqual({ source: run.scData?.url });
    expect(JSON.parse(boot?.result ?? '{}')).toMatchObject({ source: run.scData?.url, files: result.bootstrap?.files, changes: { sinking_txs: { insert: 31 } } });
    // The catch-up (which bootstrapped first) is followed by its verify, its own operation.
    expect(ops.map((o) => o.kind).slice(0, 3)).toEqual(['verify', 'catch-up', 'bootstrap']);

    // Nothing is empty any more: the next catch-up does not download again.
    const requests = run.scData?.requestCount();
    const again = await runSync(e, { via: 'test', http });
    expect(again.bootstrap).toBeNull();
    expect(run.scData?.requestCount()).toBe(requests);
  });

  it('an older snapshot (2024, 15-column sinking_txs) plus the catch-up equals the published database row for row', async () => {
    const e = await setUp(worldFromScData(SC_DATA_DIR), olderSnapshot(SC_DATA_DIR));
    const result = await runSync(e, { via: 'test', http });
    expect(result.bootstrap?.files.every((f) => f.action === 'restored')).toBe(true);
    const loaded = Object.fromEntries(result.counts.map((c) => [c.step, c.loaded]));
    expect(loaded['sinking-txs']).toBeGreaterThan(0);
    expect(loaded.retirements).toBeGreaterThan(0);
    expectPublished(e);
  });

  it('a download cut mid-file leaves the database untouched and names the file; a cut that a retry mends is fine', async () => {
    const e = await setUp(worldFromScData(SC_DATA_DIR));
    run.scData?.faults.add('sinking_txs.ndjson', { kind: 'reset' }, { kind: 'reset' });
    const err = await runBootstrap(e, { via: 'test', http }).then(() => null, (x: unknown) => x as Error);
    expect(err?.message).toMatch(new RegExp(`${run.scData?.url}/sinking_txs\\.ndjson.*gave up after 2 attempts`));
    expect(rowCount(e)).toBe(0);
    expect(listOperations(e.reader(), { kind: 'bootstrap' }).rows[0]).toMatchObject({ status: 'failed' });

    run.scData?.faults.add('retirements.ndjson', { kind: 'reset' });
    const ok = await runBootstrap(e, { via: 'test', http });
    expect(ok.files.every((f) => f.action === 'restored')).toBe(true);
    expect(rowCount(e)).toBe(128);
  });

  it('reads a local folder as well (SC_DATA_URL or --from a path), warning about tables it does not have', async () => {
    const e = await setUp(worldFromScData(SC_DATA_DIR));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-local-dumps-'));
    try {
      for (const t of DATA_TABLES.filter((x) => x !== 'distribution_txs')) fs.copyFileSync(path.join(SC_DATA_DIR, `${t}.ndjson`), path.join(dir, `${t}.ndjson`));
      fs.writeFileSync(path.join(dir, 'future_table.ndjson'), '[1]\n');
      const warnings: string[] = [];
      const r = await runBootstrap(e, { via: 'test', from: dir, onWarning: (w) => warnings.push(w) });
      expect(r.files.find((f) => f.table === 'distribution_txs')).toMatchObject({ action: 'missing' });
      expect(warnings.join('\n')).toMatch(/distribution_txs\.ndjson: not published there/);
      expect(warnings.join('\n')).toMatch(/future_table\.ndjson: unknown table "future_table" skipped/);
      // The catch-up (fresh: no second bootstrap) fills the one empty table from Horizon.
      const sync = await runSync(e, { via: 'test', fresh: true, http });
      expect(sync.counts.find((c) => c.step === 'distribution-txs')?.loaded).toBe(29);
      expectPublished(e);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
