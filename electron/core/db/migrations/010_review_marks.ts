import { installChangeTriggers } from '../../audit/changeTriggers.js';
import type { Migration } from '../types.js';

/**
 * The auditor's opinion (issue 14).
 *
 * - review_marks: one mark per sale, retirement or block (reviewed or questioned, with a note), set by an actor.
 *   It is audited like a data table (change triggers: hash-chained, attributed to the operation that set it) but
 *   it is not Stellarcarbon's data: not in DATA_TABLES, so no dumps, no bootstrap, no provenance. `row_state` is
 *   the marked row as the change log writes it (json_object of its columns), so verify sees a later change.
 * - verify_runs: every verify's whole report (summary_json), so the Overview reads the verdict without re-running
 *   it. Derived from the hash-chained operation log (the verify operation's result holds the same counts): no
 *   change triggers.
 */
export const reviewMarks: Migration = {
  version: 10,
  name: 'review marks and stored verify runs',
  up(db) {
    db.exec(`
      CREATE TABLE review_marks (
        table_name TEXT NOT NULL CHECK (table_name IN ('sinking_txs', 'retirements', 'minted_blocks')),
        record_key TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('reviewed', 'questioned')),
        note TEXT,
        actor TEXT NOT NULL,
        marked_at TEXT NOT NULL,
        row_state TEXT NOT NULL,
        operation_id TEXT,
        PRIMARY KEY (table_name, record_key)
      ) STRICT;

      CREATE TABLE verify_runs (
        operation_id TEXT PRIMARY KEY NOT NULL,
        finished_at TEXT NOT NULL,
        ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
        head_seq INTEGER,
        head_hash TEXT,
        summary_json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX idx_verify_runs_finished ON verify_runs (finished_at);
    `);
    installChangeTriggers(db, ['review_marks']);
  },
};
