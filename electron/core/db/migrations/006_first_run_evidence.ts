import type { Migration } from '../types.js';

/**
 * What a first run on the real network has to remember (issue: bootstrap, pruned history, provenance).
 *
 * - history_gaps: a Horizon stream whose stored cursor lies before the oldest ledger the configured Horizon still
 *   holds. Records in that range are invisible to this Horizon, so the gap is a verify finding. Noticed once per
 *   stream and start ledger (the catch-up then moves the cursor past the gap).
 * - provenance_results: for each row that entered by bootstrap or restore (not by a catch-up step), whether the
 *   primary source confirmed it, differs from it or can no longer say. `row_state` is the row as checked
 *   (the change log's JSON), so a row that changed later is checked again.
 * Neither is a data table: no dumps, no change triggers. Both are written inside recorded operations whose
 * results (in the hash chain) carry the same figures.
 */
export const firstRunEvidence: Migration = {
  version: 6,
  name: 'history gaps and provenance results',
  up(db) {
    db.exec(`
      CREATE TABLE history_gaps (
        id INTEGER PRIMARY KEY,
        stream TEXT NOT NULL CHECK (stream IN ('sinking-txs', 'minted-blocks', 'distribution-txs')),
        -- The first ledger this Horizon cannot show (the stored cursor's) and the last one (elder ledger - 1).
        from_ledger INTEGER NOT NULL,
        to_ledger INTEGER NOT NULL,
        -- The newest stored row's time, and when the elder ledger closed (null when Horizon could not say).
        from_date TEXT,
        to_date TEXT,
        horizon_url TEXT NOT NULL,
        noticed_at TEXT NOT NULL,
        operation_id TEXT,
        UNIQUE (stream, from_ledger)
      ) STRICT;

      CREATE TABLE provenance_results (
        table_name TEXT NOT NULL,
        record_key TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('confirmed', 'differs', 'unconfirmable')),
        -- What was asked (Horizon, Verra asset search, recomputed from confirmed rows).
        source TEXT NOT NULL,
        detail TEXT,
        row_state TEXT NOT NULL,
        checked_at TEXT NOT NULL,
        operation_id TEXT,
        PRIMARY KEY (table_name, record_key)
      ) STRICT;
      CREATE INDEX idx_provenance_status ON provenance_results (status, table_name);
    `);
  },
};
