import type Database from 'better-sqlite3';
import { BULK_DERIVED } from '../db/bulkDerived.js';
import type { DataTable } from '../db/dataTables.js';
import { deferPlainIndexes, setTriggersAside } from '../db/setAside.js';
import type { WriteDb } from '../db/types.js';
import { ChangeLog } from './bulkChangeLog.js';
import { changeTriggerNames, keyExpr, stateExpr, tableShape } from './changeTriggers.js';

/**
 * The bulk writer: the app's own inserts (catch-up steps, restore, bootstrap) log their changes per batch instead of
 * through the per-row insert trigger (~125 µs a row: a SQL → JS call with the whole entry, the chain head lookup,
 * strftime; docs/performance.md). It writes the change-log rows the trigger would:
 * - record_key and after_json from the trigger's own SQL expressions (keyExpr, stateExpr) on the row as SQLite stored
 *   it (after type conversion), which is what NEW.* holds in the trigger: hashed as RETURNING yields them (already
 *   quoted as JSON by SQLite's json_quote, so JavaScript does not escape a row's state again), written by the change
 *   log's INSERT … SELECT from the same row;
 * - seq continuing the chain from its head in insertion order, the connection's current operation, kind 'insert',
 *   before_json NULL, hash = changeEntryHash over the same fields;
 * - changed_at: one timestamp per call (the trigger takes one per statement), in the trigger's format; a call whose
 *   timestamp is earlier than the log's latest lists its entries in audit_change_stepback, as migration 009's trigger.
 * The table's insert trigger (and audit_changes' step-back trigger) is set aside while the call runs, inside its
 * transaction (db/setAside.ts), and created again from its own text before the call returns: every write outside the
 * call, on this connection or another, and every update or delete, is logged by the triggers. The rows and their
 * change-log rows are written in one transaction (a savepoint inside the caller's): a failure or a crash leaves neither.
 * The derived tables the insert triggers of a table would fill are filled per batch too (db/bulkDerived.ts), their
 * triggers set aside as well.
 */

/**
 * Rows per batch. The rows are staged in a temporary table (a cheap single-row insert: no trigger, no index), then each
 * batch is moved into the data table by ONE INSERT … SELECT: a single-row INSERT into a table with triggers and indexes
 * opens a statement journal each time (it may fail half-done), which spilled to a temporary file for every sale (~100 µs
 * a row, against ~40 µs moved by INSERT … SELECT). Each batch's statement journal still holds every page it changes that
 * existed before it (the random-order indexes: most of their leaves), so fewer, larger batches write less of it:
 * 50k sales wrote 287k journal pages in batches of 1000, 76k in batches of 5000 (20k rows: 47k pages but more cache
 * spills). docs/performance/2026-12-bulk-inserts-2.md.
 */
export const BATCH_ROWS = 5000;
/** Rows staged per (temporary-table-only) transaction as they arrive. */
const STAGE_CHUNK = 1000;
/**
 * Page cache of the connection while a bulk insert runs, in KiB (SQLite's default is 2 MiB): the random-order indexes
 * of 50k sales (hash, funder, recipient, the change log's record key) outgrow 2 MiB, and every page evicted dirty was
 * written to the WAL early, read back and written again. Restored afterwards; pages still dirty stay until the commit.
 */
const BULK_CACHE_KIB = 64 * 1024;
/** Migration 009's per-row trigger of audit_changes, whose writes ChangeLog makes per batch. */
const STEPBACK_TRIGGER = 'audit_change_stepback_insert';

export interface BulkInsertOptions {
  /** Turns the error of the row at `index` (an input fault, e.g. a duplicate key) into the error to throw. */
  rowError?: (err: unknown, index: number) => Error;
}

type Statement = Database.Statement<unknown[], unknown[]>;

/** Inserts `rows` (values in the order of `columns`) into `table` and appends their change-log rows. */
export function insertLogged(
  db: WriteDb,
  table: DataTable,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
  opts: BulkInsertOptions = {},
): number {
  const load = new BulkLoad(db, table, columns, opts);
  try {
    let index = 0;
    for (const row of rows) load.add(index++, row);
    return load.insert();
  } finally {
    load.discard();
  }
}

let stages = 0;

/**
 * A bulk insert whose rows are staged as they arrive — a catch-up's sales while their operations are still being
 * fetched — and inserted with their change-log rows by insert(), in one transaction. Staging writes only the
 * connection's own temporary table (no lock on the database, no write transaction held across the fetches); the rows
 * go in in index order, whatever order they were staged in. discard() drops what is staged (always call it).
 */
export class BulkLoad {
  private readonly stage = `temp.sc_audit_bulk_rows_${++stages}`;
  private readonly put: Statement;
  private buffered: [number, readonly unknown[]][] = [];
  private staged = 0;

  constructor(
    private readonly db: WriteDb,
    private readonly table: DataTable,
    private readonly columns: readonly string[],
    private readonly opts: BulkInsertOptions = {},
  ) {
    // Untyped columns keep each value as bound; the INSERT … SELECT converts it as a direct INSERT would.
    db.exec(`CREATE TABLE ${this.stage} (${columns.map((_, i) => `c${i}`).join(', ')})`);
    this.put = db.prepare(`INSERT INTO ${this.stage} (rowid, ${columns.map((_, i) => `c${i}`).join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`);
  }

  /** Stages the row at `index` (from 0; each index once, in any order). */
  add(index: number, row: readonly unknown[]): void {
    if (!Number.isSafeInteger(index) || index < 0) throw new Error(`${this.table}: a staged row's index must be a whole number ≥ 0, not ${index}`);
    this.buffered.push([index, row]);
    if (this.buffered.length >= STAGE_CHUNK) this.flush();
  }

  /** Inserts every staged row and its change-log row (one savepoint inside the caller's transaction, or its own). */
  insert(): number {
    this.flush();
    // Each index once (the rowid is unique), none below 0: all of 0 … n - 1 are there when the largest is n - 1.
    const last = this.db.prepare(`SELECT coalesce(max(rowid), 0) FROM ${this.stage}`).pluck().get();
    if (last !== this.staged) throw new Error(`${this.table}: ${this.staged} rows staged, but not indexed 0 … ${this.staged - 1}`);
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
    try {
      return this.db.transaction(() => this.inBatches())();
    } finally {
      this.db.pragma(`cache_size = ${cacheSize}`);
    }
  }

  discard(): void {
    this.buffered = [];
    this.db.exec(`DROP TABLE IF EXISTS ${this.stage}`);
  }

  private flush(): void {
    const rows = this.buffered;
    this.buffered = [];
    this.db.transaction(() => {
      for (const [index, row] of rows) this.put.run(index + 1, ...row);
    })();
    this.staged += rows.length;
  }

  private inBatches(): number {
    const { db, table } = this;
    const restoreTriggers = setTriggersAside(db, [changeTriggerNames(table)[0] as string, ...(BULK_DERIVED[table]?.triggers ?? []), STEPBACK_TRIGGER]);
    // A load of a batch or more into an empty table builds its plain indexes after the rows (db/setAside.ts), and
    // hashes its change log on a thread of its own (chainHasher.ts). The statements are prepared after the drops.
    const many = this.staged >= BATCH_ROWS;
    const rebuildIndexes = many ? deferPlainIndexes(db, table) : null;
    const writer = new BatchWriter(db, table, this.stage, this.columns, this.opts, many);
    try {
      for (let from = 1; from <= this.staged; from += BATCH_ROWS) writer.write(from, Math.min(this.staged, from + BATCH_ROWS - 1));
      writer.finish();
    } finally {
      writer.close();
    }
    rebuildIndexes?.();
    restoreTriggers();
    return this.staged;
  }
}

/** Moves staged rows into the table batch by batch (by their stage rowids), filling the derived tables and the log. */
class BatchWriter {
  private readonly move: Statement;
  private readonly readBack: Statement;
  private readonly single: Statement;
  private readonly fills: Statement[];
  private readonly log: ChangeLog;

  constructor(
    db: WriteDb,
    table: DataTable,
    stage: string,
    columns: readonly string[],
    private readonly opts: BulkInsertOptions,
    threaded: boolean,
  ) {
    const shape = tableShape(db, table);
    const into = `INSERT INTO ${table} (${columns.join(', ')})`;
    // RETURNING yields each row's key and state as stored, as JSON strings, in insertion order (the staged order),
    // and its rowid (as text: exact beyond 2^53), by which the change log and the derived tables read the rows back.
    // (`|| ''` drops the JSON subtype of json_object's result, which json_quote would pass through unquoted.)
    const slots = columns.map((_, i) => `c${i}`).join(', ');
    this.move = db
      .prepare(
        `${into} SELECT ${slots} FROM ${stage} WHERE rowid BETWEEN ? AND ? ORDER BY rowid
         RETURNING json_quote(${keyExpr(shape, '')}), json_quote(${stateExpr(shape, '')} || ''), CAST(rowid AS TEXT)`,
      )
      .raw() as Statement;
    this.readBack = db.prepare(`SELECT ${slots} FROM ${stage} WHERE rowid BETWEEN ? AND ? ORDER BY rowid`).raw().safeIntegers(true) as Statement;
    this.single = db.prepare(`${into} VALUES (${columns.map(() => '?').join(', ')})`);
    this.fills = (BULK_DERIVED[table]?.fills ?? []).map((f) => db.prepare(f));
    this.log = new ChangeLog(db, table, shape, threaded);
  }

  /** Moves the staged rows `from` … `to` (stage rowids: index + 1). */
  write(from: number, to: number): void {
    let moved: unknown[][];
    try {
      moved = this.move.all(from, to) as unknown[][];
    } catch (err) {
      // SQLite's message does not say which row: insert them one by one to name it (the throw rolls all back).
      (this.readBack.all(from, to) as unknown[][]).forEach((row, i) => {
        try {
          this.single.run(...row);
        } catch (rowErr) {
          throw this.opts.rowError ? this.opts.rowError(rowErr, from - 1 + i) : rowErr;
        }
      });
      throw err;
    }
    if (this.fills.length > 0) {
      const rowids = `[${moved.map((r) => r[2] as string).join(',')}]`;
      for (const fill of this.fills) fill.run(rowids);
    }
    // The change-log rows of the batch before (hashed meanwhile); this batch's are written after the next one's move.
    this.log.submit(moved);
    this.log.write(1);
  }

  /** Writes the change-log rows still pending. */
  finish(): void {
    this.log.write(0);
  }

  close(): void {
    this.log.close();
  }
}
