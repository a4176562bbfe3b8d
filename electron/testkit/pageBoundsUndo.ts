import type { WriteDb } from '../core/db/types.js';

/** Undoes migration 009 on a current database (its derived tables, triggers, the month index), so a test can run its up() on data written without it. */
export function undoPageBounds(db: WriteDb): void {
  db.exec(`
    DROP TRIGGER retirement_date_records_insert; DROP TRIGGER retirement_date_records_delete; DROP TRIGGER retirement_date_records_update;
    DROP TRIGGER audit_change_stepback_insert;
    DROP TABLE retirement_date_low; DROP TABLE retirement_date_high; DROP TABLE audit_change_stepback;
    DROP INDEX idx_stx_month_recipient;`);
}
