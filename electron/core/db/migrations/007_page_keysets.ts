import type { Migration } from '../types.js';

/** Recomputes one sale's finalized flag (has a finalized status) from sink_status; `hash` is an SQL expression. */
function refresh(hash: string): string {
  return `UPDATE sale_finality
      SET finalized = EXISTS (SELECT 1 FROM sink_status ss WHERE ss.sinking_tx_hash = ${hash} AND ss.finalized = 1)
      WHERE toid = (SELECT toid FROM sinking_txs WHERE hash = ${hash});`;
}

/**
 * Page queries whose filter lies far from the toid order (issue 13; measured in bench/, plans asserted by
 * electron/core/views/queryPlans.test.ts).
 *
 * - Date bounds: a page bounded by date walks (created_at, toid), the toid order itself (ledger close times rise
 *   with the ledger sequence). distribution_txs' toid is its rowid, so idx_dtx_created_at already is that index;
 *   sinking_txs gets it, and the (created_at) index it starts with goes (one index less to write per sale).
 * - The finalized filter: sale_finality holds every sale's toid with its finalized flag (has a finalized status),
 *   kept by triggers on sinking_txs and sink_status, so both lists walk an index in toid order instead of probing
 *   every sale's statuses until a page is found. It is derived, not data: no dumps, no change triggers, not in
 *   DATA_TABLES; verify replays the data tables only.
 * - The memo filter (a literal, case-insensitive substring): sale_memo, an FTS5 trigram index of memo_value keyed by
 *   toid (contentless: the text stays in sinking_txs), kept by triggers on sinking_txs. A page of a text of three
 *   or more characters walks its matches in toid order; instr() on memo_value still decides each match. Derived
 *   too, like sale_finality.
 */
export const pageKeysets: Migration = {
  version: 7,
  name: 'page keysets (date order, finalized sales, memo trigrams)',
  up(db) {
    db.exec(`
      CREATE INDEX idx_stx_created_toid ON sinking_txs (created_at, toid);
      DROP INDEX IF EXISTS idx_stx_created_at;

      CREATE TABLE sale_finality (
        toid INTEGER PRIMARY KEY,
        finalized INTEGER NOT NULL CHECK (finalized IN (0, 1))
      ) STRICT;
      INSERT INTO sale_finality (toid, finalized)
        SELECT s.toid, EXISTS (SELECT 1 FROM sink_status ss WHERE ss.sinking_tx_hash = s.hash AND ss.finalized = 1)
        FROM sinking_txs s ORDER BY s.toid;
      -- (finalized, toid): toid is the rowid.
      CREATE INDEX idx_sale_finality ON sale_finality (finalized);

      CREATE TRIGGER sale_finality_sale_insert AFTER INSERT ON sinking_txs BEGIN
        INSERT OR REPLACE INTO sale_finality (toid, finalized) VALUES (NEW.toid, 0);
        ${refresh('NEW.hash')}
      END;
      CREATE TRIGGER sale_finality_sale_update AFTER UPDATE OF hash, toid ON sinking_txs BEGIN
        DELETE FROM sale_finality WHERE toid = OLD.toid;
        INSERT OR REPLACE INTO sale_finality (toid, finalized) VALUES (NEW.toid, 0);
        ${refresh('NEW.hash')}
      END;
      CREATE TRIGGER sale_finality_sale_delete AFTER DELETE ON sinking_txs BEGIN
        DELETE FROM sale_finality WHERE toid = OLD.toid;
      END;
      CREATE TRIGGER sale_finality_status_insert AFTER INSERT ON sink_status BEGIN
        ${refresh('NEW.sinking_tx_hash')}
      END;
      CREATE TRIGGER sale_finality_status_update AFTER UPDATE ON sink_status BEGIN
        ${refresh('OLD.sinking_tx_hash')}
        ${refresh('NEW.sinking_tx_hash')}
      END;
      CREATE TRIGGER sale_finality_status_delete AFTER DELETE ON sink_status BEGIN
        ${refresh('OLD.sinking_tx_hash')}
      END;

      CREATE VIRTUAL TABLE sale_memo USING fts5(memo, content='', contentless_delete=1, tokenize='trigram');
      INSERT INTO sale_memo (rowid, memo) SELECT toid, memo_value FROM sinking_txs WHERE memo_value IS NOT NULL;
      CREATE TRIGGER sale_memo_insert AFTER INSERT ON sinking_txs WHEN NEW.memo_value IS NOT NULL BEGIN
        INSERT INTO sale_memo (rowid, memo) VALUES (NEW.toid, NEW.memo_value);
      END;
      CREATE TRIGGER sale_memo_update AFTER UPDATE OF toid, memo_value ON sinking_txs BEGIN
        DELETE FROM sale_memo WHERE rowid = OLD.toid;
        INSERT INTO sale_memo (rowid, memo) SELECT NEW.toid, NEW.memo_value WHERE NEW.memo_value IS NOT NULL;
      END;
      CREATE TRIGGER sale_memo_delete AFTER DELETE ON sinking_txs BEGIN
        DELETE FROM sale_memo WHERE rowid = OLD.toid;
      END;
    `);
  },
};
