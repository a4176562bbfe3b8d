import type { WriteDb } from '../db/types.js';

/**
 * Inserts rows of one table, columns in the given order. Table and column names come from the fixed lists in the
 * step modules, never from input.
 */
export function insertRows<R extends object>(db: WriteDb, table: string, columns: readonly (keyof R & string)[], rows: readonly R[]): number {
  if (rows.length === 0) return 0;
  const stmt = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  for (const r of rows) stmt.run(...columns.map((c) => r[c] as unknown));
  return rows.length;
}
