import type { Migration } from '../types.js';

/** The step-aside of migrations 008 and 014, as it appears in a trigger's text. */
const STEP_ASIDE = / (?:WHEN|AND) sc_audit_bulk_insert_table\(\) IS NOT '\w+'/g;

/**
 * The bulk writer sets a table's insert triggers aside for its own write transaction and writes what they would
 * itself (issue 13: audit/bulkChanges.ts, db/bulkDerived.ts; a trigger that only checked its step-aside still ran
 * once per row), so the insert triggers lose the per-row step-aside `sc_audit_bulk_insert_table() IS NOT '<table>'`
 * of migrations 008 (the change log's) and 014 (sale_finality's, sale_memo's), and the function goes. Each trigger is
 * re-created from its own stored text without that clause: the same trigger as before 008 and 014 otherwise.
 */
export const bulkTriggersAside: Migration = {
  version: 16,
  name: 'insert triggers without the per-row step-aside (the bulk writer sets them aside)',
  up(db) {
    const triggers = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%sc_audit_bulk_insert_table()%' ORDER BY name`)
      .all() as { name: string; sql: string }[];
    for (const { name, sql } of triggers) {
      const plain = sql.replace(STEP_ASIDE, '');
      if (plain.includes('sc_audit_bulk_insert_table')) throw new Error(`migration 16: trigger ${name} has a step-aside of an unknown form`);
      db.exec(`DROP TRIGGER "${name}"`);
      db.exec(plain);
    }
  },
};
