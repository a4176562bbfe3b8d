import { AppError } from '../../../shared/errors.js';
import type { DataTable } from '../db/migrations/index.js';
import { columnNames } from '../db/schema.js';
import type { WriteDb } from '../db/types.js';

/**
 * Inserts rows of one data table, every column the schema registry lists (db/schema.ts: the one column list the
 * views, dumps and restores use too). A row that lacks a column is a bug in its mapper, refused before any insert.
 */
export function insertRows(db: WriteDb, table: DataTable, rows: readonly object[]): number {
  if (rows.length === 0) return 0;
  const columns = columnNames(table);
  for (const r of rows) {
    const missing = columns.find((c) => !(c in r));
    if (missing) throw new AppError('INTERNAL', `${table}: a row to insert has no ${missing}`);
  }
  const stmt = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  for (const r of rows) stmt.run(...columns.map((c) => (r as Record<string, unknown>)[c]));
  return rows.length;
}
