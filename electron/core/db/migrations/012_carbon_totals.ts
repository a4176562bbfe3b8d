import type { Migration, WriteDb } from '../types.js';

/** SQLite's message when sum() leaves the int64 range. */
const OVERFLOW = /integer overflow/i;

/** The exact sum, or null when it leaves the int64 range (the stats then sum the table, as before this migration). */
function exactSum(db: WriteDb, sql: string): bigint | null {
  try {
    return (db.prepare(sql).pluck().safeIntegers(true).get() as bigint | null) ?? 0n;
  } catch (err) {
    if (OVERFLOW.test((err as Error).message)) return null;
    throw err;
  }
}

/** The three triggers that keep one total of carbon_totals equal to Σ column over table. */
function totalTriggers(name: string, table: string, column: string, total: string): string {
  return `
    CREATE TRIGGER carbon_totals_${name}_insert AFTER INSERT ON ${table} BEGIN
      UPDATE carbon_totals SET ${total} = ${total} + NEW.${column};
    END;
    CREATE TRIGGER carbon_totals_${name}_delete AFTER DELETE ON ${table} BEGIN
      UPDATE carbon_totals SET ${total} = ${total} - OLD.${column};
    END;
    CREATE TRIGGER carbon_totals_${name}_update AFTER UPDATE OF ${column} ON ${table} BEGIN
      UPDATE carbon_totals SET ${total} = ${total} - OLD.${column} + NEW.${column};
    END;`;
}

/**
 * The headline totals (issue 13: stats p95 < 100 ms at 1M sales; two covering-index scans of 1M entries took
 * 110 ms of CPU): carbon_totals is one row holding Σ sinking_txs.carbon_amount and Σ sink_status.amount_filled,
 * kept by one UPDATE per written row (about 1 µs a row, measured in docs/performance/2026-12-aggregates-2.md).
 *
 * Exact or absent, never rounded: the columns are ANY, so when a total leaves the int64 range SQLite's `+` makes it
 * a REAL (or it stays NULL, if the backfill already overflowed), no write fails, and views/stats.ts sums the table
 * instead (which reports the overflow, as before). A derived table, like sale_finality: not in DATA_TABLES, no dumps,
 * no change triggers (verify replays the data tables).
 *
 * Also idx_aoe_event (event): its entries are (event, seq), so the operations page (audit_operations: the start
 * events, newest first) walks it in page order instead of sorting every operation's start event (the growth report's
 * flag: ×3–5 from 100k to 1M sales). One index entry per operation event: nothing on the per-row inserts.
 */
export const carbonTotals: Migration = {
  version: 12,
  name: 'carbon totals, operations in page order',
  up(db) {
    db.exec(`
      CREATE TABLE carbon_totals (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        sunk_kg ANY,
        retired_kg ANY
      ) STRICT;`);
    db.prepare('INSERT INTO carbon_totals (id, sunk_kg, retired_kg) VALUES (1, ?, ?)').run(
      exactSum(db, 'SELECT sum(carbon_amount) FROM sinking_txs'),
      exactSum(db, 'SELECT sum(amount_filled) FROM sink_status'),
    );
    db.exec(`
      ${totalTriggers('sale', 'sinking_txs', 'carbon_amount', 'sunk_kg')}
      ${totalTriggers('status', 'sink_status', 'amount_filled', 'retired_kg')}
      CREATE INDEX idx_aoe_event ON audit_operation_events (event);`);
  },
};
