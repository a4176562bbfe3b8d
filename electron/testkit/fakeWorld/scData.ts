import path from 'node:path';
import type { DataTable } from '../../core/db/migrations/index.js';
import { readDumpFile } from '../../core/dump/readDump.js';
import type { SqlValue } from '../../core/dump/cellCodec.js';
import { DUMP_TABLES } from '../../core/db/schema.js';

/** One dump row keyed by column name, values as stored in SQLite (bigint integers, kg, stroops, ISO text). */
export type ScRow = Record<string, SqlValue>;

/** Reads one table of an sc-data dump directory (in place, never copied). */
export function readScTable(dir: string, table: DataTable): ScRow[] {
  const cols = DUMP_TABLES[table].columns;
  return readDumpFile(path.join(dir, `${table}.ndjson`), table).map((r) =>
    Object.fromEntries(cols.map((c, i) => [c.name, r.values[i] ?? null])),
  );
}

export const str = (v: SqlValue | undefined): string => {
  if (typeof v !== 'string') throw new Error(`expected text, got ${String(v)}`);
  return v;
};
export const big = (v: SqlValue | undefined): bigint => {
  if (typeof v !== 'bigint') throw new Error(`expected an integer, got ${String(v)}`);
  return v;
};
export const num = (v: SqlValue | undefined): number => Number(big(v));
