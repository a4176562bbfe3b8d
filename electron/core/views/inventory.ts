import type { InventoryParams, InventoryResult, InventoryRow } from '../../../shared/api/views.js';
import { reviewedCondition } from '../audit/reviewMarks.js';
import { allRows, sql, where, type SqlFragment } from '../db/sql.js';
import type { ReadDb } from '../db/types.js';
import { INVENTORY_SPEC } from './outputFields.js';
import { rowMapper } from './rowCodec.js';

/**
 * Stellarcarbon's inventory: every minted block, minus the credits retired from it (ordered by toid).
 * As of a date D: only blocks created by the end of D (UTC), and only retirements dated on or before D.
 */
/** One block's inventory columns; credits_remaining counts only retirements dated on or before untilDate (if set). */
function blockColumns(untilDate: string | null): SqlFragment {
  return sql`
    mb.serial_hash, 1 + mb.block_end - mb.block_start AS size,
    1 + mb.block_end - mb.block_start - coalesce((
      SELECT sum(rfb.vcu_amount) FROM retirement_from_block rfb
      JOIN retirements r ON r.certificate_id = rfb.retirement_id
      WHERE rfb.block_hash = mb.serial_hash AND (${untilDate} IS NULL OR r.retirement_date <= ${untilDate})
    ), 0) AS credits_remaining,
    mb.transaction_hash, mb.created_at, mb.serial_number, mb.sub_account_id, mb.sub_account_name,
    mb.vintage_start, mb.vintage_end, mb.vcs_project_id, p.name, p.category, mb.toid
  FROM minted_blocks mb JOIN vcs_projects p ON p.id = mb.vcs_project_id`;
}

/** The view's one query (every block, by toid: the inventory is not paged). */
export function inventoryQuery(params: Partial<InventoryParams>): SqlFragment {
  const untilDate = params.untilDate ?? null;
  return sql`
  SELECT * FROM (
    SELECT ${blockColumns(untilDate)}
    -- created_at has whole seconds, so "<= D 23:59:59" is sc-audit's "<= D 23:59:59.999999".
    WHERE ${untilDate} IS NULL OR mb.created_at <= ${untilDate} || 'T23:59:59'
  ) inv
  ${where([params.omitEmpty === true && sql`credits_remaining > 0`, reviewedCondition('minted_blocks', 'inv', params.reviewed)])}
  ORDER BY toid`;
}

export function viewInventory(db: ReadDb, params: Partial<InventoryParams> = {}): InventoryResult {
  return { untilDate: params.untilDate ?? null, rows: allRows(db, inventoryQuery(params)).map(inventoryRow) };
}

/** The current inventory row of one block, or null when no block has that serial hash. */
export function inventoryRowOf(db: ReadDb, serialHash: string): InventoryRow | null {
  const [raw] = allRows(db, sql`SELECT ${blockColumns(null)} WHERE mb.serial_hash = ${serialHash}`);
  return raw ? inventoryRow(raw) : null;
}

export const inventoryRow: (r: Record<string, unknown>) => InventoryRow = rowMapper(INVENTORY_SPEC);
