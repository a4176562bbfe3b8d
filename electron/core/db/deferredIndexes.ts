import type { WriteDb } from './types.js';

/**
 * A bulk load into an empty table builds the table's plain (non-unique) indexes once, after its rows are in, instead
 * of inserting into them row by row: CREATE INDEX sorts the keys and writes each index page once, where row-by-row
 * inserts into random-order keys (a sale's funder, its recipient) touch a different leaf for almost every row, and a
 * bulk insert's statement journal keeps a copy of each (docs/performance.md, inserts). What a restore, a bootstrap
 * and a first catch-up do. Unique indexes and the primary key stay, so every constraint is checked as each row goes
 * in, and the failing row is named as before; a plain index checks nothing. Runs inside the caller's transaction:
 * a failure or a crash leaves the indexes as they were, and the rebuilt ones have the same definitions (the text
 * sqlite_master held), so the query plans do not change.
 *
 * Drops the plain indexes of `table` if it has no rows (else drops nothing) and returns the step that creates them
 * again, from their own definitions, once the rows are in.
 */
export function deferPlainIndexes(db: WriteDb, table: string): () => void {
  if (!db.inTransaction) throw new Error('deferPlainIndexes: only inside a transaction (a crash must not leave a table without its indexes)');
  const empty = db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM "${table}")`).pluck().get() === 1;
  const plain = empty
    ? (db
        .prepare(
          `SELECT m.name, m.sql FROM pragma_index_list(?) l JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name
           WHERE l."unique" = 0 AND l.origin = 'c' ORDER BY m.rowid`,
        )
        .all(table) as { name: string; sql: string }[])
    : [];
  for (const index of plain) db.exec(`DROP INDEX "${index.name}"`);
  return () => {
    for (const index of plain.splice(0)) db.exec(index.sql);
  };
}
