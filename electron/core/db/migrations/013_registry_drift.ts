import { installAppendOnlyTriggers, installChangeTriggers } from '../../audit/changeTriggers.js';
import type { Migration } from '../types.js';

/**
 * Registry drift (issue 15, part 1): what the registry says now that differs from the rows as first stored.
 * The stored retirements and blocks stay as first seen; each difference is one entry here, appended once when
 * noticed (not again while it persists; a further change of the same field is a new entry).
 *
 * - source/subject: 'retirement' + certificate id, or 'pool_batch' + the block's serial number.
 * - field: the column that differs, or 'record' when the registry no longer lists it (kind 'removed').
 * - kind: removed | reassigned (serial, quantity, beneficiary, details) | edited (any other field) | restored
 *   (back to the value first seen).
 * - first_value / current_value: the values as text (the stored row's, the registry's now; NULL when absent).
 * - hash: sha256(previous entry's hash + canonical JSON of this entry), from the genesis (audit/driftLog.ts);
 *   verify recomputes it. Append-only (UPDATE/DELETE refused) and also logged in the audit trail's change log.
 */
export const registryDrift: Migration = {
  version: 13,
  name: 'registry drift',
  up(db) {
    db.exec(`
      CREATE TABLE registry_drift (
        seq INTEGER PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('retirement', 'pool_batch')),
        subject TEXT NOT NULL,
        field TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('removed', 'reassigned', 'edited', 'restored')),
        first_value TEXT,
        current_value TEXT,
        noticed_at TEXT NOT NULL,
        operation_id TEXT,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX idx_drift_subject ON registry_drift (source, subject, field, seq);
    `);
    installAppendOnlyTriggers(db, ['registry_drift']);
    installChangeTriggers(db, ['registry_drift']);
  },
};
