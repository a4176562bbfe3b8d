import { AppError } from '../../../shared/errors.js';
import type { ReadDb } from '../db/types.js';
import { iterateRows, sql, type SqlFragment } from '../db/sql.js';
import type { OutputField } from '../views/rowCodec.js';
import { type EncodedColumn, plainColumns } from './rowEncoder.js';
import type { ViewSource } from './viewSources.js';

const MAP_BATCH = 1000;

/** Rows `offset` … `offset + limit` (null: to the end) of a query, in its order: the export's halves. */
export function rowRange(query: SqlFragment, offset: number, limit: number | null): SqlFragment {
  return sql`SELECT * FROM (${query}) LIMIT ${limit ?? -1} OFFSET ${offset}`;
}

export type RowArrays = Iterator<readonly unknown[]> & Iterable<readonly unknown[]>;

/** A query's `.raw()` rows and the columns of `fields` in them (also the export worker's, from a query's text). */
export function specRows(
  db: ReadDb,
  fields: readonly OutputField[],
  query: { text: string; params: readonly unknown[] },
  bigInts: boolean,
): { rows: RowArrays; columns: EncodedColumn[] } {
  const stmt = db.prepare(query.text).safeIntegers(bigInts).raw(true);
  const names = stmt.columns().map((c) => c.name);
  const columns = fields.map((f) => {
    const at = names.indexOf(f.column);
    if (at < 0) throw new AppError('INTERNAL', `export: the query has no column ${f.column}`);
    return { name: f.name, at, read: f.read, plain: f.plain, json: f.json };
  });
  return { rows: stmt.iterate(...query.params) as IterableIterator<unknown[]>, columns };
}

/**
 * A source's rows (or those of `range`) as arrays of stored values, with the encoder's columns pointing into them:
 * a spec'd view's are the query's own `.raw()` arrays (no row object is built); the others are mapped a batch at
 * a time first.
 */
export function sourceRows(db: ReadDb, source: ViewSource, range: { offset: number; limit: number | null } | null = null): { rows: RowArrays; columns: EncodedColumn[] } {
  const query = range ? rowRange(source.query, range.offset, range.limit) : source.query;
  if (source.fields) return specRows(db, source.fields, query, source.bigInts);
  const arrays = (batch: Record<string, unknown>[]) => source.mapBatch(batch).map((r) => source.columns.map((c) => (r as Record<string, unknown>)[c]));
  function* mapped(): Generator<unknown[]> {
    // Inside the generator, so its return() (an early stop) closes the statement through the finally.
    const raw = iterateRows(db, query, { bigInts: source.bigInts });
    try {
      let batch: Record<string, unknown>[] = [];
      for (const r of raw) {
        batch.push(r);
        if (batch.length >= MAP_BATCH) {
          yield* arrays(batch);
          batch = [];
        }
      }
      yield* arrays(batch);
    } finally {
      raw.return?.();
    }
  }
  return { rows: mapped(), columns: plainColumns(source.columns) };
}
