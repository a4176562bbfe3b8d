import { nextHorizonCursor } from '../cursors.js';
import { isSinkPayment, sinkingTxRow, type SinkingTxRow } from '../horizonRows.js';
import { insertRows } from '../insert.js';
import { forRecord } from '../recordError.js';
import { recordSyncState } from '../syncState.js';
import type { StepContext } from '../types.js';
import type { PaymentRecord } from '../../sources/horizon.js';

const STEP = 'sinking-txs';
const COLUMNS = [
  'hash', 'created_at', 'contract_id', 'funder', 'recipient', 'carbon_amount', 'source_asset_code', 'source_asset_issuer',
  'source_asset_amount', 'dest_asset_code', 'dest_asset_issuer', 'dest_asset_amount', 'vcs_project_id', 'memo_type', 'memo_value', 'toid',
] as const;

/** CarbonSINK receipts since the newest stored Horizon sink, each with funder and assets from its operations. */
export async function loadSinkingTxs(ctx: StepContext): Promise<number> {
  const { db, config } = ctx;
  const cursor = nextHorizonCursor(db, config, STEP);
  const kept: PaymentRecord[] = [];
  for await (const page of ctx.horizon.payments({ account: config.sinkIssuer, cursor, join: true })) {
    kept.push(...page.filter((r) => isSinkPayment(r, config)));
    ctx.progress(0, null, `${kept.length} sinking payments found`);
  }
  const rows: SinkingTxRow[] = [];
  for (const r of kept) {
    // One request per sale: Horizon's payments list does not say who paid or with what.
    const ops = await ctx.horizon.transactionOperations(r.transaction_hash);
    rows.push(forRecord(STEP, `tx ${r.transaction_hash}`, () => sinkingTxRow(r, ops)));
    ctx.progress(rows.length, kept.length);
  }
  return db.transaction(() => {
    const n = insertRows(db, 'sinking_txs', COLUMNS, rows);
    recordSyncState(db, STEP, nextHorizonCursor(db, config, STEP).toString(), ctx.now(), ctx.horizon.latestLedger);
    return n;
  })();
}
