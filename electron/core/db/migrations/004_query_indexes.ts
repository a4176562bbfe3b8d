import type { Migration } from '../types.js';

/**
 * Indexes that let every table page come out of an index in keyset order (measured in bench/, plans asserted by
 * electron/core/views/queryPlans.test.ts). sinking_txs' primary key is its hash, so an index on (funder) alone
 * lists a funder's sales in rowid order, not toid order: every one of them was read and sorted for one page.
 * The single-column funder/recipient indexes are prefixes of the new ones, so they go (less to write per insert).
 */
export const queryIndexes: Migration = {
  version: 4,
  name: 'query indexes (keyset pages)',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS idx_stx_funder;
      DROP INDEX IF EXISTS idx_stx_recipient;
      CREATE INDEX idx_stx_funder_toid ON sinking_txs (funder, toid);
      CREATE INDEX idx_stx_recipient_toid ON sinking_txs (recipient, toid);
      -- Contract-call sinks are rare: without this, their filter walks every sale.
      CREATE INDEX idx_stx_contract_toid ON sinking_txs (toid) WHERE contract_id IS NOT NULL;

      -- certificate_id is the rowid, so these list their matches already in page order.
      CREATE INDEX idx_ret_project ON retirements (vcs_project_id);
      -- The beneficiary filter is a case-insensitive prefix (LIKE): only a NOCASE index can serve it.
      CREATE INDEX idx_ret_beneficiary_nocase ON retirements (retirement_beneficiary COLLATE NOCASE);

      CREATE INDEX idx_dtx_created_at ON distribution_txs (created_at);

      -- The change log filtered by table, newest first (idx_ac_record starts with table_name but then record_key).
      CREATE INDEX idx_ac_table_seq ON audit_changes (table_name, seq);
    `);
  },
};
