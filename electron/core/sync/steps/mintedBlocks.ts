import { indexPool, resolveBlocks, type PreviousBlock, type UnlinkedRetirement } from '../blocks.js';
import { nextHorizonCursor, readCursor } from '../cursors.js';
import { isMintPayment, mintPayment, type MintPayment } from '../horizonRows.js';
import { insertRows } from '../insert.js';
import { forRecord } from '../recordError.js';
import { recordSyncState } from '../syncState.js';
import type { StepContext } from '../types.js';

const STEP = 'minted-blocks';

/** New mints, each resolved to its serial number through the pool report, the previous block or a retirement. */
export async function loadMintedBlocks(ctx: StepContext): Promise<number> {
  const { db, config } = ctx;
  const cursor = readCursor(db, config, STEP, ctx.historyFloor);
  const mints: MintPayment[] = [];
  for await (const page of ctx.horizon.payments({ account: config.carbonIssuer, cursor, join: true })) {
    for (const r of page) if (isMintPayment(r, config)) mints.push(forRecord(STEP, `tx ${r.transaction_hash}`, () => mintPayment(r)));
    ctx.progress(0, null, `${mints.length} mints found`);
  }
  // The pool report is only needed when there is something to resolve: one request saved on most days.
  const pool = mints.length > 0 ? indexPool((await ctx.verra.carbonPool()).credit_batches) : new Map();
  return db.transaction(() => {
    const previous = (db.prepare('SELECT serial_number, sub_account_id, sub_account_name FROM minted_blocks ORDER BY toid DESC LIMIT 1').get() ??
      null) as PreviousBlock | null;
    const unlinked = db
      .prepare(
        `SELECT certificate_id, serial_number FROM retirements r
         WHERE NOT EXISTS (SELECT 1 FROM retirement_from_block f WHERE f.retirement_id = r.certificate_id)
         ORDER BY certificate_id`,
      )
      .all() as UnlinkedRetirement[];
    const rows = resolveBlocks(mints, pool, previous, unlinked);
    const n = insertRows(db, 'minted_blocks', rows);
    ctx.progress(n, mints.length);
    recordSyncState(db, STEP, nextHorizonCursor(db, config, STEP).toString(), ctx.now(), ctx.horizon.latestLedger);
    return n;
  })();
}
