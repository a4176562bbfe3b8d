import { contractCallSource } from '../../config.js';
import { toidParts } from '../../domain/toid.js';
import { mercurySinkEvents } from '../../sources/mercury.js';
import { obsrvrSinkCalls } from '../../sources/obsrvr.js';
import { AppError } from '../../../../shared/errors.js';
import { contractCallRows } from '../contractCallRows.js';
import { insertRows } from '../insert.js';
import { recordSyncState } from '../syncState.js';
import type { StepContext } from '../types.js';

const STEP = 'sink-contract-calls';

/** The contract-call cursor: the largest TOID among contract-call rows (not incremented, as sc-audit), else SC_FIRST_SINK_CURSOR. */
export function contractCallCursor(ctx: Pick<StepContext, 'db' | 'config'>): bigint {
  const t = ctx.db.prepare('SELECT max(toid) FROM sinking_txs WHERE contract_id IS NOT NULL').safeIntegers(true).pluck().get() as bigint | null;
  return t ?? ctx.config.firstSinkCursor;
}

/**
 * Sales made through Stellarcarbon's Soroban contract (sink_carbon), from Obsrvr Flow when configured, else Mercury
 * Retroshades; skipped when neither is (the result and verify say so). Loaded after the classic sales, in one
 * transaction; a bad indexer row stops the step with its name before anything is written.
 */
export async function loadSinkContractCalls(ctx: StepContext): Promise<number> {
  const { db, config } = ctx;
  const source = contractCallSource(config);
  if (source === null) {
    ctx.progress(0, 0, 'skipped: neither SC_OBSRVR_FLOW_DB_URI nor SC_MERCURY_KEY is set, so contract-call sales are not loaded');
    return 0;
  }
  const cursor = contractCallCursor(ctx);
  const calls =
    source === 'obsrvr'
      ? await obsrvrSinkCalls(config.obsrvrFlowDbUri as string, config.obsrvrFlowTable, cursor, ctx.signal)
      : await mercurySinkEvents(ctx.http, config.retroshadesUrl, config.mercuryKey as string, config.retroshadesMd5, toidParts(cursor).ledger);
  ctx.progress(0, calls.length, `${calls.length} sink_carbon calls from ${source === 'obsrvr' ? 'Obsrvr Flow' : 'Mercury Retroshades'}`);
  const known = new Set((db.prepare('SELECT id FROM vcs_projects').pluck().all() as number[]).map(Number));
  const rows = contractCallRows(calls, config, known);
  return db.transaction(() => {
    const stored = db.prepare('SELECT contract_id FROM sinking_txs WHERE hash = ?').pluck();
    const seen = new Set<string>();
    for (const [i, r] of rows.entries()) {
      // sinking_txs is keyed by transaction hash (as sc-audit's): a second call in one transaction cannot be stored.
      if (seen.has(r.hash) || stored.get(r.hash) !== undefined) {
        throw new AppError('DATA_INCONSISTENT', `${STEP}: ${calls[i]?.ref ?? r.hash}: transaction ${r.hash} is already a stored sale (two sales in one transaction are not supported); nothing was stored`);
      }
      seen.add(r.hash);
    }
    const n = insertRows(db, 'sinking_txs', rows);
    recordSyncState(db, STEP, contractCallCursor(ctx).toString(), ctx.now(), null);
    ctx.progress(n, n);
    return n;
  }).immediate();
}
