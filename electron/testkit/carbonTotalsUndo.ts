import type { WriteDb } from '../core/db/types.js';

/** Undoes migration 012 on a current database (the totals row, its triggers, the operation events' index), so a test can run its up() on data written without it. */
export function undoCarbonTotals(db: WriteDb): void {
  db.exec(`
    DROP TRIGGER carbon_totals_sale_insert; DROP TRIGGER carbon_totals_sale_delete; DROP TRIGGER carbon_totals_sale_update;
    DROP TRIGGER carbon_totals_status_insert; DROP TRIGGER carbon_totals_status_delete; DROP TRIGGER carbon_totals_status_update;
    DROP TABLE carbon_totals; DROP INDEX idx_aoe_event;`);
}
