import type { InventoryParams, InventoryResult, InventoryRow } from '../../../shared/api/views.js';
import type { ReadDb } from '../db/types.js';

/**
 * Stellarcarbon's inventory: every minted block, minus the credits retired from it (ordered by toid).
 * As of a date D: only blocks created by the end of D (UTC), and only retirements dated on or before D.
 */
/** One block's inventory columns; credits_remaining counts only retirements dated on or before @untilDate (if set). */
const BLOCK_COLUMNS = `
    mb.serial_hash, 1 + mb.block_end - mb.block_start AS size,
    1 + mb.block_end - mb.block_start - coalesce((
      SELECT sum(rfb.vcu_amount) FROM retirement_from_block rfb
      JOIN retirements r ON r.certificate_id = rfb.retirement_id
      WHERE rfb.block_hash = mb.serial_hash AND (@untilDate IS NULL OR r.retirement_date <= @untilDate)
    ), 0) AS credits_remaining,
    mb.transaction_hash, mb.created_at, mb.serial_number, mb.sub_account_id, mb.sub_account_name,
    mb.vintage_start, mb.vintage_end, mb.vcs_project_id, p.name, p.category, mb.toid
  FROM minted_blocks mb JOIN vcs_projects p ON p.id = mb.vcs_project_id`;

const SQL = `
  SELECT * FROM (
    SELECT ${BLOCK_COLUMNS}
    -- created_at has whole seconds, so "<= D 23:59:59" is sc-audit's "<= D 23:59:59.999999".
    WHERE @untilDate IS NULL OR mb.created_at <= @untilDate || 'T23:59:59'
  )
  WHERE @omitEmpty = 0 OR credits_remaining > 0
  ORDER BY toid`;

/** A single block by its primary key (the block detail), without computing the whole inventory. */
const ONE_BLOCK_SQL = `SELECT ${BLOCK_COLUMNS} WHERE mb.serial_hash = @serialHash`;

export function viewInventory(db: ReadDb, params: Partial<InventoryParams> = {}): InventoryResult {
  const untilDate = params.untilDate ?? null;
  const raw = db
    .prepare(SQL)
    .safeIntegers(true)
    .all({ untilDate, omitEmpty: params.omitEmpty ? 1 : 0 }) as Record<string, unknown>[];
  const rows = raw.map(inventoryRow);
  return { untilDate, rows };
}

/** The current inventory row of one block, or null when no block has that serial hash. */
export function inventoryRowOf(db: ReadDb, serialHash: string): InventoryRow | null {
  const raw = db.prepare(ONE_BLOCK_SQL).safeIntegers(true).get({ serialHash, untilDate: null }) as Record<string, unknown> | undefined;
  return raw ? inventoryRow(raw) : null;
}

function inventoryRow(r: Record<string, unknown>): InventoryRow {
  return {
    serial_hash: r.serial_hash as string,
    size: Number(r.size as bigint),
    credits_remaining: Number(r.credits_remaining as bigint),
    transaction_hash: r.transaction_hash as string,
    created_at: r.created_at as string,
    serial_number: r.serial_number as string,
    sub_account_id: Number(r.sub_account_id as bigint),
    sub_account_name: r.sub_account_name as string,
    vintage_start: r.vintage_start as string,
    vintage_end: r.vintage_end as string,
    vcs_project_id: Number(r.vcs_project_id as bigint),
    name: r.name as string,
    category: r.category as string,
  };
}
