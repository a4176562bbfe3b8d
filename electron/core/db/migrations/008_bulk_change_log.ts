import { installChangeTriggers } from '../../audit/changeTriggers.js';
import type { Migration } from '../types.js';

/**
 * The app's own inserts log their changes in bulk (issue 13: audit/bulkChanges.ts writes a batch's audit_changes
 * rows, the same rows the triggers would, instead of one trigger call per row). The insert triggers gain
 * `WHEN sc_audit_bulk_insert_table() IS NOT '<table>'`, so they step aside for exactly those rows on that
 * connection; updates, deletes and every other writer stay logged by the triggers. Re-installs all the change
 * triggers (migration 002 calls the same installChangeTriggers, so a new database gets them there already).
 * Migration 016 takes the step-aside out again (the bulk writer sets the triggers aside for its transaction), and
 * installChangeTriggers no longer writes it.
 */
export const bulkChangeLog: Migration = {
  version: 8,
  name: 'bulk change log (insert triggers step aside for the bulk writer)',
  up(db) {
    installChangeTriggers(db);
  },
};
