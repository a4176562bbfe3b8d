import type { DataTable } from './dataTables.js';

/**
 * The derived rows of a batch the bulk writer (audit/bulkChanges.ts) inserted, filled by one statement each from the
 * rows as stored: what the insert triggers of migration 007 write per row, which step aside for the bulk writer
 * (migration 014). Each statement takes one parameter, the JSON array of the inserted rows' rowids.
 * - sale_finality: the sale's toid with its finalized flag (has a finalized status), as the trigger's insert then
 *   update leave it.
 * - sale_memo: the memo trigram index of the sales that have a memo (FTS5 then writes the batch at once).
 */
const INSERTED = `rowid IN (SELECT value FROM json_each(?))`;

export const BULK_DERIVED_FILLS: Partial<Record<DataTable, readonly string[]>> = {
  sinking_txs: [
    `INSERT OR REPLACE INTO sale_finality (toid, finalized)
     SELECT s.toid, EXISTS (SELECT 1 FROM sink_status ss WHERE ss.sinking_tx_hash = s.hash AND ss.finalized = 1)
     FROM sinking_txs s WHERE s.${INSERTED} ORDER BY s.toid`,
    `INSERT INTO sale_memo (rowid, memo)
     SELECT s.toid, s.memo_value FROM sinking_txs s WHERE s.${INSERTED} AND s.memo_value IS NOT NULL ORDER BY s.toid`,
  ],
};
