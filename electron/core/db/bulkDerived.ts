import type { DataTable } from './dataTables.js';

/**
 * The derived rows of a batch the bulk writer (audit/bulkChanges.ts) inserted, filled by one statement each from the
 * rows as stored: what the insert triggers of a table would write per row. The bulk writer sets those triggers aside
 * for its transaction (db/setAside.ts) and runs the fills instead. Each fill takes one parameter, the JSON array of
 * the inserted rows' rowids.
 * - sale_finality: the sale's toid with its finalized flag (has a finalized status), as the trigger's insert then
 *   update leave it (migration 007).
 * - sale_memo: the memo trigram index of the sales that have a memo (FTS5 then writes the batch at once; 007).
 * - carbon_totals.sunk_kg: plus the batch's Σ carbon_amount (migration 012). Exact while the total stays in the int64
 *   range, as the trigger's `+` is; a batch whose sum comes near it (total() ≥ 9e18: sum() would fail where `+`
 *   turns the total into a REAL) adds it as a REAL, and views/stats.ts then sums the table as before.
 * A table's other insert triggers still run per row (the tests name them).
 */
const INSERTED = `rowid IN (SELECT value FROM json_each(?))`;

export interface BulkDerived {
  /** The insert triggers whose writes the fills make. */
  triggers: readonly string[];
  fills: readonly string[];
}

export const BULK_DERIVED: Partial<Record<DataTable, BulkDerived>> = {
  sinking_txs: {
    triggers: ['sale_finality_sale_insert', 'sale_memo_insert', 'carbon_totals_sale_insert'],
    fills: [
      `INSERT OR REPLACE INTO sale_finality (toid, finalized)
       SELECT s.toid, EXISTS (SELECT 1 FROM sink_status ss WHERE ss.sinking_tx_hash = s.hash AND ss.finalized = 1)
       FROM sinking_txs s WHERE s.${INSERTED} ORDER BY s.toid`,
      `INSERT INTO sale_memo (rowid, memo)
       SELECT s.toid, s.memo_value FROM sinking_txs s WHERE s.${INSERTED} AND s.memo_value IS NOT NULL ORDER BY s.toid`,
      `UPDATE carbon_totals SET sunk_kg = sunk_kg + (
         SELECT CASE WHEN total(carbon_amount) < 9e18 THEN coalesce(sum(carbon_amount), 0) ELSE total(carbon_amount) END
         FROM sinking_txs WHERE ${INSERTED})`,
    ],
  },
};
