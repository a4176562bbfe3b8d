import { AppError } from '../../../shared/errors.js';
import { BulkLoad } from '../audit/bulkChanges.js';
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
  const load = stageRows(db, table);
  try {
    rows.forEach((r, i) => load.add(i, r));
    return load.insert();
  } finally {
    load.discard();
  }
}

/** A load of rows of one data table staged as they come (audit/bulkChanges.ts BulkLoad), each checked as insertRows does. */
export function stageRows(db: WriteDb, table: DataTable): { add(index: number, row: object): void; insert(): number; discard(): void } {
  const columns = columnNames(table);
  const load = new BulkLoad(db, table, columns);
  return {
    add(index, row) {
      const missing = columns.find((c) => !(c in row));
      if (missing) throw new AppError('INTERNAL', `${table}: a row to insert has no ${missing}`);
      load.add(index, columns.map((c) => (row as Record<string, unknown>)[c]));
    },
    insert: () => load.insert(),
    discard: () => load.discard(),
  };
}
