import { AppError } from '../../../shared/errors.js';
import { insertLogged } from '../audit/bulkChanges.js';
import type { DataTable } from '../db/migrations/index.js';
import { columnNames } from '../db/schema.js';
import type { WriteDb } from '../db/types.js';

/**
 * Inserts rows of one data table, every column the schema registry lists (db/schema.ts: the one column list the
 * views, dumps and restores use too), with their change-log rows written in bulk (audit/bulkChanges.ts). A row that
 * lacks a column is a bug in its mapper, refused before any insert.
 */
export function insertRows(db: WriteDb, table: DataTable, rows: readonly object[]): number {
  if (rows.length === 0) return 0;
  const columns = columnNames(table);
  for (const r of rows) {
    const missing = columns.find((c) => !(c in r));
    if (missing) throw new AppError('INTERNAL', `${table}: a row to insert has no ${missing}`);
  }
  return insertLogged(db, table, columns, rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c])));
}
