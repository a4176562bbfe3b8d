import { recordDrift } from '../../audit/driftLog.js';
import type { WriteDb } from '../../db/types.js';
import type { PoolBatch } from '../../sources/poolReport.js';
import { indexPool, resolveBlocks, type PreviousBlock, type UnlinkedRetirement } from '../blocks.js';
import { nextHorizonCursor, readCursor } from '../cursors.js';
import { isMintPayment, mintPayment, type MintPayment } from '../horizonRows.js';
import { insertRows } from '../insert.js';
import { forRecord } from '../recordError.js';
import { poolDrift, type StoredBlock } from '../registryDrift.js';
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
  // Read on every catch-up: new mints resolve through it, and the stored blocks are compared with it (drift).
  const batches = (await ctx.verra.carbonPool()).credit_batches;
  const pool = indexPool(batches);
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
    const noticed = recordPoolDrift(db, batches, ctx.now());
    ctx.progress(n, mints.length, noticed ? `registry drift: ${noticed} new ${noticed === 1 ? 'difference' : 'differences'} from the stored blocks in the pool report` : undefined);
    recordSyncState(db, STEP, nextHorizonCursor(db, config, STEP).toString(), ctx.now(), ctx.horizon.latestLedger);
    return n;
  }).immediate();
}

/** The stored blocks no retirement touches against the pool report now; returns how many differences are new. */
function recordPoolDrift(db: WriteDb, batches: readonly PoolBatch[], now: Date): number {
  const blocks = db
    .prepare(
      `SELECT serial_number, block_start, block_end, vcs_project_id, sub_account_id, sub_account_name, vintage_start, vintage_end,
              EXISTS (SELECT 1 FROM retirement_from_block f WHERE f.block_hash = b.serial_hash) AS linked
       FROM minted_blocks b ORDER BY toid`,
    )
    .all() as (Omit<StoredBlock, 'linked'> & { linked: number })[];
  const retired = (db.prepare('SELECT serial_number FROM retirements').all() as { serial_number: string }[]).map((r) => r.serial_number);
  const drift = poolDrift(blocks.map((b) => ({ ...b, linked: Number(b.linked) === 1 })), batches, retired);
  return recordDrift(db, 'pool_batch', drift.observations, drift.compared, now.toISOString()).length;
}
