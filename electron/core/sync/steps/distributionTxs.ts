import { nextHorizonCursor, readCursor } from '../cursors.js';
import { distributionTxRow, isDistributionOutflow, type DistributionTxRow } from '../horizonRows.js';
import { insertRows } from '../insert.js';
import { forRecord } from '../recordError.js';
import { recordSyncState } from '../syncState.js';
import type { StepContext } from '../types.js';

const STEP = 'distribution-txs';

/** CARBON sent out by the distributor since the newest stored outflow. */
export async function loadDistributionTxs(ctx: StepContext): Promise<number> {
  const { db, config } = ctx;
  const cursor = readCursor(db, config, STEP, ctx.historyFloor);
  const rows: DistributionTxRow[] = [];
  let read = 0;
  for await (const page of ctx.horizon.payments({ account: config.carbonDistributor, cursor })) {
    for (const r of page) {
      if (isDistributionOutflow(r, config)) rows.push(forRecord(STEP, `tx ${r.transaction_hash} op ${r.paging_token}`, () => distributionTxRow(r)));
    }
    read += page.length;
    ctx.progress(rows.length, null, `${read} payments of the distribution account read`);
  }
  return db.transaction(() => {
    const n = insertRows(db, 'distribution_txs', rows);
    recordSyncState(db, STEP, nextHorizonCursor(db, config, STEP).toString(), ctx.now(), ctx.horizon.latestLedger);
    return n;
  }).immediate();
}
