import type { Migration } from '../types.js';

/**
 * The bulk writer fills the derived tables of its sales per batch (issue 13: db/bulkDerived.ts; one statement each
 * instead of two trigger programs per sale, and one FTS5 write per batch): the insert triggers of sale_finality and
 * sale_memo (migration 007) gain the step-aside of the change-log triggers (migration 008), so they skip exactly the
 * rows the bulk writer inserts on its own connection while its INSERT runs. Every other insert, and every update and
 * delete, is still kept by the triggers. Same statements as 007 otherwise. (Migration 016 removes the step-aside
 * again: the bulk writer now sets these triggers aside for its transaction.)
 */
const stepAside = `sc_audit_bulk_insert_table() IS NOT 'sinking_txs'`;

export const bulkDerivedFill: Migration = {
  version: 14,
  name: 'bulk derived fill (finality and memo insert triggers step aside for the bulk writer)',
  up(db) {
    db.exec(`
      DROP TRIGGER sale_finality_sale_insert;
      CREATE TRIGGER sale_finality_sale_insert AFTER INSERT ON sinking_txs WHEN ${stepAside} BEGIN
        INSERT OR REPLACE INTO sale_finality (toid, finalized) VALUES (NEW.toid, 0);
        UPDATE sale_finality
          SET finalized = EXISTS (SELECT 1 FROM sink_status ss WHERE ss.sinking_tx_hash = NEW.hash AND ss.finalized = 1)
          WHERE toid = (SELECT toid FROM sinking_txs WHERE hash = NEW.hash);
      END;
      DROP TRIGGER sale_memo_insert;
      CREATE TRIGGER sale_memo_insert AFTER INSERT ON sinking_txs WHEN NEW.memo_value IS NOT NULL AND ${stepAside} BEGIN
        INSERT INTO sale_memo (rowid, memo) VALUES (NEW.toid, NEW.memo_value);
      END;
    `);
  },
};
