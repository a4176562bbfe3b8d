import type { DataTable } from '../core/db/migrations/index.js';
import type { ReadDb, WriteDb } from '../core/db/types.js';
import { DUMP_TABLES } from '../core/db/schema.js';
import { readScTable } from './fakeWorld/scData.js';

/**
 * What "the same data as sc-data's published dumps" means here: a table's rows keyed by primary key, every value as text (integers come back as
 * BigInt, so nothing is rounded). A from-scratch run cannot reproduce the dumps' row order, so order is ignored.
 */
export type KeyedRows = Map<string, string[]>;

export function keyedRows(rows: Record<string, unknown>[], table: DataTable): KeyedRows {
  const { columns, primaryKey } = DUMP_TABLES[table];
  return new Map(rows.map((r) => [primaryKey.map((k) => String(r[k])).join('|'), columns.map((c) => (r[c.name] === null ? 'null' : String(r[c.name])))]));
}

/** The rows of one table of a database. */
export function dbRows(db: ReadDb | WriteDb, table: DataTable): KeyedRows {
  return keyedRows(db.prepare(`SELECT * FROM ${table}`).safeIntegers(true).all() as Record<string, unknown>[], table);
}

/** The rows of one table of a dump directory (the published sc-data). */
export function dumpRows(dir: string, table: DataTable): KeyedRows {
  return keyedRows(readScTable(dir, table) as Record<string, unknown>[], table);
}
