import { boundedMap } from '../boundedMap.js';
import { nextHorizonCursor, readCursor } from '../cursors.js';
import { isSinkPayment, sinkingTxRow } from '../horizonRows.js';
import { stageRows } from '../insert.js';
import { forRecord } from '../recordError.js';
import { recordSyncState } from '../syncState.js';
import type { StepContext } from '../types.js';
import type { PaymentRecord } from '../../sources/horizon.js';

const STEP = 'sinking-txs';
/** Operations requests in flight at once (Horizon's public limit is per hour, not per connection). */
export const OPERATIONS_IN_FLIGHT = 8;

/** CarbonSINK receipts since the newest stored Horizon sink, each with funder and assets from its operations. */
export async function loadSinkingTxs(ctx: StepContext): Promise<number> {
  const { db, config } = ctx;
  const cursor = readCursor(db, config, STEP, ctx.historyFloor);
  const kept: PaymentRecord[] = [];
  for await (const page of ctx.horizon.payments({ account: config.sinkIssuer, cursor, join: true })) {
    kept.push(...page.filter((r) => isSinkPayment(r, config)));
    ctx.progress(0, null, `${kept.length} sinking payments found`);
  }
  // One request per sale: Horizon's payments list does not say who paid or with what, and its operations are
  // only listed per transaction. Several run at once (a sequential 50k-sale first load spent its time waiting on
  // round trips: see docs/performance.md); a 429 still makes each wait as Horizon asks. Each sale is staged as its
  // operations come in (a temporary table of this connection: no lock held meanwhile), so the write transaction
  // after the last one only moves the staged rows in.
  let fetched = 0;
  const load = stageRows(db, 'sinking_txs');
  try {
    await boundedMap(kept, OPERATIONS_IN_FLIGHT, async (r, i) => {
      const ops = await ctx.horizon.transactionOperations(r.transaction_hash);
      load.add(i, forRecord(STEP, `tx ${r.transaction_hash}`, () => sinkingTxRow(r, ops)));
      ctx.progress(++fetched, kept.length);
    });
    return db.transaction(() => {
      const n = kept.length === 0 ? 0 : load.insert();
      recordSyncState(db, STEP, nextHorizonCursor(db, config, STEP).toString(), ctx.now(), ctx.horizon.latestLedger);
      return n;
    }).immediate();
  } finally {
    load.discard();
  }
}
