import type { Migration } from '../types.js';

/**
 * The covering indexes of migration 005 for the whole-table sums of views.stats (carbon_amount, amount_filled) are
 * no longer read by it: migration 012 keeps those totals in carbon_totals. Only verify's and the audit report's own
 * sums read the columns now (a table scan among their other scans), so the two indexes cost every sale and every
 * sink status an index insert for nothing the pages need (issue 13: catch-up inserts).
 */
export const dropSumIndexes: Migration = {
  version: 15,
  name: 'drop the stats sum indexes (carbon totals are kept by triggers)',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS idx_stx_carbon;
      DROP INDEX IF EXISTS idx_ss_filled;
    `);
  },
};
