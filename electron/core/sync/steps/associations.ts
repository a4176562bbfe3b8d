import { coverRetirements, type BlockRange, type OpenRetirement } from '../coverage.js';
import { insertRows } from '../insert.js';
import { fillSinkStatuses, type OpenSale, type UnfilledRetirement, type UnknownSale } from '../sinkStatus.js';
import { recordSyncState } from '../syncState.js';
import type { StepContext } from '../types.js';

/** Which credits of which block each retirement used. */
export function loadRetirementFromBlock(ctx: StepContext): Promise<number> {
  const { db } = ctx;
  const n = db.transaction(() => {
    const open = (
      db
        .prepare(
          `SELECT r.certificate_id, r.serial_number, r.vcu_amount, coalesce(sum(f.vcu_amount), 0) AS covered,
                  group_concat(f.block_hash) AS linked
           FROM retirements r LEFT JOIN retirement_from_block f ON f.retirement_id = r.certificate_id
           GROUP BY r.certificate_id HAVING covered < r.vcu_amount ORDER BY r.certificate_id`,
        )
        .all() as (Omit<OpenRetirement, 'linked'> & { linked: string | null })[]
    ).map((r) => ({ ...r, linked: new Set(r.linked ? r.linked.split(',') : []) }));
    recordSyncState(db, 'retirement-from-block', null, ctx.now(), null);
    if (open.length === 0) return 0;
    const blocks = db
      .prepare(
        `SELECT b.serial_hash, b.block_start, b.block_end,
                b.block_end - b.block_start + 1 - coalesce((SELECT sum(vcu_amount) FROM retirement_from_block f WHERE f.block_hash = b.serial_hash), 0) AS remaining
         FROM minted_blocks b ORDER BY b.toid`,
      )
      .all() as BlockRange[];
    const rows = coverRetirements(open, blocks);
    return insertRows(db, 'retirement_from_block', rows);
  }).immediate();
  ctx.progress(n, n);
  return Promise.resolve(n);
}

/** How much of each sale the retirements covered, walking the tx hashes in each retirement's details. */
export function loadSinkStatuses(ctx: StepContext): Promise<number> {
  const { db } = ctx;
  const unknown: UnknownSale[] = [];
  const n = db.transaction(() => {
    const open = (
      db
        .prepare(
          `SELECT r.certificate_id, r.retirement_details, r.vcu_amount * 1000 AS amount, coalesce(sum(s.amount_filled), 0) AS filled,
                  group_concat(s.sinking_tx_hash) AS has
           FROM retirements r LEFT JOIN sink_status s ON s.certificate_id = r.certificate_id
           GROUP BY r.certificate_id HAVING filled < amount ORDER BY r.certificate_id`,
        )
        .safeIntegers(true)
        .all() as (Omit<UnfilledRetirement, 'has' | 'certificate_id'> & { certificate_id: bigint; has: string | null })[]
    ).map((r) => ({ ...r, certificate_id: Number(r.certificate_id), has: new Set(r.has ? r.has.split(',') : []) }));
    recordSyncState(db, 'sink-statuses', null, ctx.now(), null);
    if (open.length === 0) return 0;
    const sales = new Map<string, OpenSale>();
    const saleRows = db
      .prepare(
        `SELECT t.hash, t.carbon_amount, coalesce((SELECT sum(amount_filled) FROM sink_status s WHERE s.sinking_tx_hash = t.hash), 0) AS filled
         FROM sinking_txs t`,
      )
      .safeIntegers(true)
      .all() as OpenSale[];
    for (const s of saleRows) sales.set(s.hash, s);
    const rows = fillSinkStatuses(open, sales, unknown);
    return insertRows(db, 'sink_status', rows);
  }).immediate();
  // Named, not fatal: verify lists each (check retirement-txs) until the sale is loaded.
  const names = unknown.map((u) => `certificate ${u.certificate_id} names ${u.hash}`).join('; ');
  ctx.progress(n, n, unknown.length ? `${unknown.length} retirement tx hash(es) name sales that are not loaded: ${names}` : undefined);
  return Promise.resolve(n);
}
