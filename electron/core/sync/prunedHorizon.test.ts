import { afterEach, describe, expect, it } from 'vitest';
import { provenanceRows } from '../audit/provenance/results.js';
import { listOperations } from '../audit/queries.js';
import { verifyWithSources } from '../audit/verifyOnline.js';
import { DATA_TABLES } from '../db/migrations/index.js';
import { type Engine } from '../engine.js';
import { listHistoryGaps } from './historyBounds.js';
import { runSync } from './runSync.js';
import { hasShared, SC_DATA_DIR } from '../../testkit/sharedDir.js';
import { FirstRun } from '../../testkit/firstRun.js';
import { elderLedgerKeeping, prunedWorld, worldFromScData } from '../../testkit/fakeWorld/index.js';
import { dbRows, dumpRows } from '../../testkit/publishedTables.js';

const http = { sleep: () => Promise.resolve(), maxRetries: 1 };

/** SDF's public Horizon: about a year before the newest record (2025-08-18 in the published data). */
function publicHorizonWorld(mode: 'clamp' | '410') {
  const full = worldFromScData(SC_DATA_DIR);
  return prunedWorld(full, elderLedgerKeeping(full, 365), mode);
}

describe.skipIf(!hasShared)('a Horizon that keeps one year of history', () => {
  const run = new FirstRun();
  afterEach(() => run.close());
  const setUp = (mode: 'clamp' | '410') => run.start(publicHorizonWorld(mode), SC_DATA_DIR);
  const rows = (e: Engine) => Object.fromEntries(DATA_TABLES.map((t) => [t, Number(e.reader().prepare(`SELECT count(*) FROM ${t}`).pluck().get())]));

  it.each(['clamp', '410'] as const)('refuses a --fresh first run (%s) before writing any row, naming the ledgers and both ways out', async (mode) => {
    const e = await setUp(mode);
    const elder = run.world?.world.horizon.history?.elderLedger ?? 0;
    const err = await runSync(e, { via: 'test', fresh: true, http }).then(() => null, (x: unknown) => x as Error & { code: string });
    expect(err?.code).toBe('SOURCE_ERROR');
    expect(err?.message).toMatch(new RegExp(`keeps history only from ledger ${elder}`));
    expect(err?.message).toMatch(new RegExp(`ledgers 383\\d+–${elder - 1} are gone from this Horizon`));
    expect(err?.message).toMatch(/published data .*full-history Horizon/);
    expect(Object.values(rows(e)).every((n) => n === 0)).toBe(true);
    expect(listOperations(e.reader(), { kind: 'catch-up' }).rows[0]).toMatchObject({ status: 'failed' });
    // Nothing was asked beyond the root and the elder ledger's close time.
    expect(run.world?.log.filter((l) => l.path.includes('/payments'))).toEqual([]);
  });

  it.each(['clamp', '410'] as const)('after a bootstrap (%s) goes on, and records the minted-blocks stream as a history gap', async (mode) => {
    const e = await setUp(mode);
    const elder = run.world?.world.horizon.history?.elderLedger ?? 0;
    const result = await runSync(e, { via: 'test', http });
    expect(result.bootstrap?.files.every((f) => f.action === 'restored')).toBe(true);
    // The mints (last in 2022) lie before the history: that stream has a gap; sales and outflows of the last year do not.
    expect(result.historyGaps).toEqual([
      {
        stream: 'minted-blocks',
        fromLedger: 39432771,
        toLedger: elder - 1,
        fromDate: '2022-02-01T00:08:19',
        toDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
        horizonUrl: run.world?.url,
        noticedAt: expect.any(String) as unknown,
      },
    ]);
    for (const table of DATA_TABLES) expect(dbRows(e.reader(), table), table).toEqual(dumpRows(SC_DATA_DIR, table));
    // Noticed once: a later run keeps the one gap.
    const again = await runSync(e, { via: 'test', http });
    expect(again.historyGaps).toEqual([]);
    expect(listHistoryGaps(e.reader())).toHaveLength(1);

    // verify: the gap is a finding; rows older than the history are unconfirmable, the others confirmed; it passes.
    const report = await verifyWithSources(e, { via: 'test', http });
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.id === 'history-gaps')).toMatchObject({ status: 'findings', count: 1 });
    const s = report.provenance?.summary;
    expect(s).toMatchObject({ bootstrapped: 128, differs: 0, unchecked: 0 });
    expect((s?.confirmed ?? 0) + (s?.unconfirmable ?? 0)).toBe(128);
    const verdicts = (table: string) => Object.fromEntries(['confirmed', 'unconfirmable'].map((st) => [st, provenanceRows(e.reader(), { table, status: st as 'confirmed' }).length]));
    // The sales of the last year are confirmed on Horizon, the older ones and every block (2021-2022) are
    // unconfirmable there; the registry confirms every retirement; links to unconfirmable rows stay unconfirmable.
    const recent = [...dumpRows(SC_DATA_DIR, 'sinking_txs').values()].filter((r) => Number(BigInt(r[15] as string) >> 32n) >= elder).length;
    expect(recent).toBe(11);
    expect(verdicts('sinking_txs')).toEqual({ confirmed: recent, unconfirmable: 31 - recent });
    expect(verdicts('minted_blocks')).toEqual({ confirmed: 0, unconfirmable: 9 });
    expect(verdicts('retirements')).toEqual({ confirmed: 17, unconfirmable: 0 });
    expect(verdicts('vcs_projects')).toEqual({ confirmed: 1, unconfirmable: 0 });
    expect(verdicts('retirement_from_block')).toEqual({ confirmed: 0, unconfirmable: 17 });
    const prov = report.checks.find((c) => c.id === 'provenance');
    expect(prov?.status).toBe('findings');
    expect(prov?.offenders.find((o) => o.table === 'minted_blocks')?.message).toMatch(/older than this Horizon's history \(from ledger \d+\); a full-history Horizon can confirm it/);
    // The sales of the last year are confirmed against Horizon.
    expect(report.provenance?.requests).toBeLessThanOrEqual(128);
  });
});
