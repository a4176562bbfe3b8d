import type { WriteDb } from './types.js';

/**
 * What a bulk load sets aside for its own write transaction and puts back before it ends (audit/bulkChanges.ts).
 * Both run only inside a transaction: a failure or a crash rolls the schema back with the rows, and nothing outside
 * the transaction ever sees the table without them (readers keep their snapshot; other writers wait for the lock).
 * What is put back is each object's own definition, the text sqlite_master held.
 */

/**
 * A bulk load into an empty table builds the table's plain (non-unique) indexes once, after its rows are in, instead
 * of inserting into them row by row: CREATE INDEX sorts the keys and writes each index page once, where row-by-row
 * inserts into random-order keys (a sale's funder, its recipient) touch a different leaf for almost every row, and a
 * bulk insert's statement journal keeps a copy of each (docs/performance.md, inserts). What a restore, a bootstrap
 * and a first catch-up do. Unique indexes and the primary key stay, so every constraint is checked as each row goes
 * in, and the failing row is named as before; a plain index checks nothing. The rebuilt indexes have the same
 * definitions, so the query plans do not change.
 *
 * Drops the plain indexes of `table` if it has no rows (else drops nothing) and returns the step that creates them
 * again, from their own definitions, once the rows are in.
 */
export function deferPlainIndexes(db: WriteDb, table: string): () => void {
  requireTransaction(db, 'deferPlainIndexes');
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
  return recreate(db, plain);
}

/**
 * Drops the named triggers (those that exist: a missing one stays missing, for verify to name) and returns the step
 * that creates them again. The bulk writer writes what they would, per batch (a trigger program per row, even one
 * whose WHEN is false, was ~13 % of a catch-up's inserts: docs/performance.md).
 */
export function setTriggersAside(db: WriteDb, names: readonly string[]): () => void {
  requireTransaction(db, 'setTriggersAside');
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?)) ORDER BY rowid`)
    .all(JSON.stringify(names)) as { name: string; sql: string }[];
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
  return recreate(db, triggers);
}

function requireTransaction(db: WriteDb, what: string): void {
  if (!db.inTransaction) throw new Error(`${what}: only inside a transaction (a crash must not leave a table without its indexes or triggers)`);
}

function recreate(db: WriteDb, objects: { sql: string }[]): () => void {
  return () => {
    for (const o of objects.splice(0)) db.exec(o.sql);
  };
}
