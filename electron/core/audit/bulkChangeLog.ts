import type Database from 'better-sqlite3';
import type { WriteDb } from '../db/types.js';
import { changeEntryJsonOfJson, currentOperationOf, entryJson, GENESIS_HASH } from './chain.js';
import { type ChainHasher, chainHasher } from './chainHasher.js';
import { keyExpr, LAST_SEQ_SQL, stateExpr, type TableShape } from './changeTriggers.js';

type Statement = Database.Statement<unknown[], unknown[]>;

/**
 * Appends insert entries of one table to the chain, hashed over the key and state the batch's INSERT returned, by ONE
 * INSERT … SELECT per batch that reads the rows back by rowid and writes the same expressions (keyExpr, stateExpr:
 * deterministic, so the same text) with the seqs and hashes passed as one JSON array. A single-row insert into
 * audit_changes (four indexes) opens a statement journal each time, which spilled to a temporary file for every change
 * (~30 µs a row, half of it system time). submit() hands a batch's entries to the hasher (chainHasher.ts), write()
 * writes the rows of the batches submitted before, in seq order, once their hashes are in.
 */
export class ChangeLog {
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
