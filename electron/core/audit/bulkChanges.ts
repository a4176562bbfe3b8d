import type Database from 'better-sqlite3';
import { BULK_DERIVED } from '../db/bulkDerived.js';
import type { DataTable } from '../db/dataTables.js';
import { deferPlainIndexes, setTriggersAside } from '../db/setAside.js';
import type { WriteDb } from '../db/types.js';
import { changeEntryJsonOfJson, currentOperationOf, entryJson, GENESIS_HASH } from './chain.js';
import { type ChainHasher, chainHasher } from './chainHasher.js';
import { changeTriggerNames, keyExpr, LAST_SEQ_SQL, stateExpr, tableShape, type TableShape } from './changeTriggers.js';

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
 * Rows per batch. A batch is staged in a temporary table (a cheap single-row insert: no trigger, no index), then moved
 * into the data table by ONE INSERT … SELECT: a single-row INSERT into a table with triggers and indexes opens a
 * statement journal each time (it may fail half-done), which spilled to a temporary file for every sale (~100 µs a
 * row, against ~40 µs moved by INSERT … SELECT). Each batch's statement journal still holds every page it changes that
 * existed before it (the random-order indexes: most of their leaves), so fewer, larger batches write less of it:
 * 50k sales wrote 287k journal pages in batches of 1000, 76k in batches of 5000 (2 MB staged; 20k rows: 47k pages but
 * more cache spills). docs/performance/2026-12-bulk-inserts-2.md.
 */
export const BATCH_ROWS = 5000;
/**
 * Page cache of the connection while a bulk insert runs, in KiB (SQLite's default is 2 MiB): the random-order indexes
 * of 50k sales (hash, funder, recipient, the change log's record key) outgrow 2 MiB, and every page evicted dirty was
 * written to the WAL early, read back and written again. Restored afterwards; pages still dirty stay until the commit.
 */
const BULK_CACHE_KIB = 64 * 1024;
const STAGE = 'temp.sc_audit_bulk_rows';
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
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  try {
    return inBatches(db, table, columns, rows, opts);
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

function inBatches(db: WriteDb, table: DataTable, columns: readonly string[], rows: Iterable<readonly unknown[]>, opts: BulkInsertOptions): number {
  return db.transaction(() => {
    // Untyped columns keep each value as bound; the INSERT … SELECT converts it as a direct INSERT would.
    db.exec(`DROP TABLE IF EXISTS ${STAGE}; CREATE TABLE ${STAGE} (${columns.map((_, i) => `c${i}`).join(', ')})`);
    const restoreTriggers = setTriggersAside(db, [changeTriggerNames(table)[0] as string, ...(BULK_DERIVED[table]?.triggers ?? []), STEPBACK_TRIGGER]);
    let writer: BatchWriter | null = null;
    try {
      // Decided when the first batch is full: a load of more than one batch into an empty table builds its plain
      // indexes after the rows (db/setAside.ts), and hashes its change log on a thread of its own (chainHasher.ts).
      // The writer's statements are prepared after any index is dropped.
      let rebuildIndexes: (() => void) | null = null;
      let batch: (readonly unknown[])[] = [];
      for (const row of rows) {
        batch.push(row);
        if (batch.length === BATCH_ROWS) {
          if (!writer) {
            rebuildIndexes = deferPlainIndexes(db, table);
            writer = new BatchWriter(db, table, columns, opts, true);
          }
          writer.write(batch);
          batch = [];
        }
      }
      writer ??= new BatchWriter(db, table, columns, opts, false);
      writer.write(batch);
      writer.finish();
      rebuildIndexes?.();
      restoreTriggers();
      return writer.count;
    } finally {
      writer?.close();
      db.exec(`DROP TABLE IF EXISTS ${STAGE}`);
    }
  })();
}

class BatchWriter {
  count = 0;
  private readonly stage: Statement;
  private readonly move: Statement;
  private readonly single: Statement;
  private readonly clear: Statement;
  private readonly fills: Statement[];
  private readonly log: ChangeLog;

  constructor(
    private readonly db: WriteDb,
    private readonly table: DataTable,
    columns: readonly string[],
    private readonly opts: BulkInsertOptions,
    threaded: boolean,
  ) {
    const shape = tableShape(db, table);
    const values = `(${columns.map(() => '?').join(', ')})`;
    const into = `INSERT INTO ${table} (${columns.join(', ')})`;
    this.stage = db.prepare(`INSERT INTO ${STAGE} VALUES ${values}`);
    // RETURNING yields each row's key and state as stored, as JSON strings, in insertion order (the staged order),
    // and its rowid (as text: exact beyond 2^53), by which the change log and the derived tables read the rows back.
    // (`|| ''` drops the JSON subtype of json_object's result, which json_quote would pass through unquoted.)
    const slots = columns.map((_, i) => `c${i}`).join(', ');
    this.move = db
      .prepare(`${into} SELECT ${slots} FROM ${STAGE} ORDER BY rowid RETURNING json_quote(${keyExpr(shape, '')}), json_quote(${stateExpr(shape, '')} || ''), CAST(rowid AS TEXT)`)
      .raw() as Statement;
    this.fills = (BULK_DERIVED[table]?.fills ?? []).map((f) => db.prepare(f));
    this.single = db.prepare(`${into} VALUES ${values}`);
    this.clear = db.prepare(`DELETE FROM ${STAGE}`);
    this.log = new ChangeLog(db, table, shape, threaded);
  }

  write(batch: readonly (readonly unknown[])[]): void {
    if (batch.length === 0) return;
    batch.forEach((row, i) => this.guard(i, () => this.stage.run(...row)));
    let moved: unknown[][];
    try {
      moved = this.move.all() as unknown[][];
    } catch (err) {
      // SQLite's message does not say which row: insert them one by one to name it (the throw rolls all back).
      batch.forEach((row, i) => this.guard(i, () => this.single.run(...row)));
      throw err;
    }
    if (this.fills.length > 0) {
      const rowids = `[${moved.map((r) => r[2] as string).join(',')}]`;
      for (const fill of this.fills) fill.run(rowids);
    }
    // The change-log rows of the batch before (hashed meanwhile); this batch's are written after the next one's move.
    this.log.submit(moved);
    this.log.write(1);
    this.clear.run();
    this.count += batch.length;
  }

  /** Writes the change-log rows still pending. */
  finish(): void {
    this.log.write(0);
  }

  close(): void {
    this.log.close();
  }

  private guard(i: number, fn: () => unknown): void {
    try {
      fn();
    } catch (err) {
      throw this.opts.rowError ? this.opts.rowError(err, this.count + i) : err;
    }
  }
}

/**
 * Appends insert entries of one table to the chain, hashed over the key and state the batch's INSERT returned, by ONE
 * INSERT … SELECT per batch that reads the rows back by rowid and writes the same expressions (keyExpr, stateExpr:
 * deterministic, so the same text) with the seqs and hashes passed as one JSON array. A single-row insert into
 * audit_changes (four indexes) opens a statement journal each time, which spilled to a temporary file for every change
 * (~30 µs a row, half of it system time). submit() hands a batch's entries to the hasher (chainHasher.ts), write()
 * writes the rows of the batches submitted before, in seq order, once their hashes are in.
 */
class ChangeLog {
  private readonly head: Statement;
  private readonly move: Statement;
  private readonly stepsBack: Database.Statement<[string], unknown>;
  private readonly listStepBacks: Statement;
  private readonly operationId: string | null;
  /** The entry's fixed fields, as canonical JSON writes them. */
  private readonly json: { operation: string; table: string; changedAt: string };
  private readonly changedAt: string;
  private hasher: ChainHasher | null = null;
  /** The seq of the next entry submitted. */
  private next = 0;
  /** Submitted batches not yet written: their first seq and their rows' rowids (as text). */
  private readonly pending: { first: number; rowids: string[] }[] = [];

  constructor(
    db: WriteDb,
    private readonly table: string,
    shape: TableShape,
    private readonly threaded: boolean,
  ) {
    this.head = db
      .prepare(
        `SELECT l.last, coalesce((SELECT hash FROM audit_changes WHERE seq = l.last),
                (SELECT hash FROM audit_operation_events WHERE seq = l.last), '${GENESIS_HASH}') FROM (${LAST_SEQ_SQL}) l`,
      )
      .raw() as Statement;
    // j.key: the entry's index in the batch (seq = first + index), j.value: [rowid, hash]; appended in seq order.
    this.move = db.prepare(
      `INSERT INTO audit_changes (seq, operation_id, table_name, record_key, kind, before_json, after_json, changed_at, hash)
       SELECT ? + j.key, ?, '${table}', ${keyExpr(shape, 't.')}, 'insert', NULL, ${stateExpr(shape, 't.')}, ?, j.value ->> 1
       FROM json_each(?) j CROSS JOIN ${table} t ON t.rowid = j.value ->> 0 ORDER BY j.key`,
    );
    // Migration 009's trigger lists an entry dated earlier than the latest one (all of a call's entries share a date).
    this.stepsBack = db.prepare(`SELECT ? < max(changed_at) FROM audit_changes`).pluck();
    this.listStepBacks = db.prepare(`INSERT OR IGNORE INTO audit_change_stepback (seq) SELECT seq FROM audit_changes WHERE seq BETWEEN ? AND ?`);
    this.operationId = currentOperationOf(db);
    this.changedAt = db.prepare(`SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`).pluck().get() as string;
    this.json = { operation: entryJson(this.operationId), table: entryJson(table), changedAt: entryJson(this.changedAt) };
  }

  /** `rows`: [record_key, after_json (each as a JSON string), rowid as text] of each inserted row, in insertion order. */
  submit(rows: readonly unknown[][]): void {
    if (!this.hasher) {
      // Read at the first batch: the caller's transaction holds the write lock, so the head cannot move under us, and
      // nothing but this log appends to the chain until the call returns (a seq taken meanwhile would fail its insert).
      const [last, headHash] = this.head.get() as [number, string];
      this.next = last + 1;
      this.hasher = chainHasher(headHash, this.threaded);
    }
    const first = this.next;
    const { operation, table, changedAt } = this.json;
    this.hasher.post(rows.map(([key, after], i) => changeEntryJsonOfJson(String(first + i), operation, table, key as string, '"insert"', 'null', after as string, changedAt)));
    this.pending.push({ first, rowids: rows.map((r) => r[2] as string) });
    this.next += rows.length;
  }

  /** Writes the change-log rows of the submitted batches, all but the newest `keep`. */
  write(keep: number): void {
    const { operationId: op, table: name, changedAt: at } = this;
    while (this.hasher && this.pending.length > keep) {
      const { first, rowids } = this.pending.shift() as { first: number; rowids: string[] };
      const hashes = this.hasher.take();
      const stepsBack = this.stepsBack.get(at) === 1;
      const written = this.move.run(first, op, at, `[${rowids.map((r, i) => `[${r},"${hashes[i]}"]`).join(',')}]`).changes;
      if (written !== rowids.length) throw new Error(`${name}: ${written} change-log rows written for ${rowids.length} rows inserted`);
      if (stepsBack) this.listStepBacks.run(first, first + rowids.length - 1);
    }
  }

  close(): void {
    this.hasher?.close();
  }
}
