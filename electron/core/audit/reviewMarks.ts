import type { MarkableTable, MarkStatus, ReviewMark } from '../../../shared/api/marks.js';
import { MARKABLE_TABLES } from '../../../shared/api/marks.js';
import { AppError } from '../../../shared/errors.js';
import { allRows, sql, sqlId, where, type SqlFragment } from '../db/sql.js';
import type { ReadDb } from '../db/types.js';
import type { Engine } from '../engine.js';
import { keyExpr, stateExpr, tableShape } from './changeTriggers.js';
import { nowIso, resolveActor } from './operationLog.js';

/**
 * Review marks (migration 010): the auditor's "reviewed" or "questioned" on one sale, retirement or block. Each
 * set or clear is a recorded operation (kind 'review-mark') and the row change it makes goes through the change
 * triggers, so a mark is on the hash chain and attributed. The mark keeps the row's state as the change log writes
 * it; verify (verifyMarks.ts) compares it with the row now.
 */
const NOUN: Record<MarkableTable, string> = { sinking_txs: 'sale', retirements: 'retirement', minted_blocks: 'block' };

const KEY_COLUMN: Record<MarkableTable, string> = { sinking_txs: 'hash', retirements: 'certificate_id', minted_blocks: 'serial_hash' };
/** The aliases the views give the marked tables. */
const ALIASES = ['sinking_txs', 'retirements', 'inv'] as const;
const keyText = (table: MarkableTable, alias: string) => `CAST(${alias}.${KEY_COLUMN[table]} AS TEXT)`;
const MARK_KEY_EXPRS = MARKABLE_TABLES.flatMap((t) => ALIASES.map((a) => keyText(t, a)));

/** The row's key as the text the change log's record_key holds (a key column of the view's alias for the table). */
function rowKeySql(table: MarkableTable, alias: (typeof ALIASES)[number]): SqlFragment {
  return sqlId(keyText(table, alias), MARK_KEY_EXPRS);
}

/** `reviewed: true` = the row carries a mark (reviewed or questioned); false = it carries none. */
export function reviewedCondition(table: MarkableTable, alias: (typeof ALIASES)[number], reviewed: boolean | undefined): SqlFragment | null {
  if (reviewed === undefined) return null;
  const has = sql`EXISTS (SELECT 1 FROM review_marks rm WHERE rm.table_name = ${table} AND rm.record_key = ${rowKeySql(table, alias)})`;
  return reviewed ? has : sql`NOT ${has}`;
}

/** The row's state as the change triggers write it, or null when there is no such row. */
export function rowState(db: ReadDb, table: MarkableTable, key: string): string | null {
  const s = tableShape(db, table);
  const text = `SELECT ${stateExpr(s, '')} AS j FROM ${table} WHERE ${keyExpr(s, '')} = ?`;
  return (db.prepare(text).pluck().get(key) as string | undefined) ?? null;
}

function markRow(r: Record<string, unknown>): ReviewMark {
  return {
    table: r.table_name as MarkableTable,
    key: r.record_key as string,
    status: r.status as MarkStatus,
    note: (r.note as string | null) ?? null,
    actor: r.actor as string,
    markedAt: r.marked_at as string,
    operationId: (r.operation_id as string | null) ?? null,
  };
}

export function listMarks(db: ReadDb, filter: { table?: MarkableTable } = {}): ReviewMark[] {
  const conditions = where([filter.table !== undefined && sql`table_name = ${filter.table}`]);
  return allRows(db, sql`SELECT * FROM review_marks ${conditions} ORDER BY marked_at DESC, table_name, record_key`).map(markRow);
}

export interface MarkRequest {
  table: MarkableTable;
  key: string;
  status: MarkStatus;
  note?: string;
}

/** Sets (or replaces) a row's mark; the row must exist. */
export function setMark(engine: Engine, req: MarkRequest, opts: { via?: string; actor?: string } = {}): Promise<ReviewMark> {
  const params = { table: req.table, key: req.key, status: req.status, note: req.note ?? null };
  return engine.runOperation({ kind: 'review-mark', params, via: opts.via, actor: opts.actor }, (op) => {
    const db = engine.writer();
    const state = rowState(db, req.table, req.key);
    if (state === null) throw new AppError('NOT_FOUND', `No ${NOUN[req.table]} ${req.key} in ${req.table}: nothing to mark`);
    const actor = resolveActor(opts.actor ?? engine.operationDefaults.actor);
    db.prepare(
      `INSERT INTO review_marks (table_name, record_key, status, note, actor, marked_at, row_state, operation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (table_name, record_key) DO UPDATE SET status = excluded.status, note = excluded.note, actor = excluded.actor,
         marked_at = excluded.marked_at, row_state = excluded.row_state, operation_id = excluded.operation_id`,
    ).run(req.table, req.key, req.status, req.note ?? null, actor, nowIso(), state, op.id);
    op.setResult({ marked: `${req.table}/${req.key}`, status: req.status });
    const [mark] = listMarksOf(db, req.table, req.key);
    if (!mark) throw new AppError('INTERNAL', 'the mark was not stored');
    return mark;
  });
}

function listMarksOf(db: ReadDb, table: MarkableTable, key: string): ReviewMark[] {
  return allRows(db, sql`SELECT * FROM review_marks WHERE table_name = ${table} AND record_key = ${key}`).map(markRow);
}

/** Removes a row's mark (a logged delete); `cleared: false` when it had none (nothing is recorded then). */
export async function clearMark(engine: Engine, req: { table: MarkableTable; key: string }, opts: { via?: string; actor?: string } = {}): Promise<{ cleared: boolean }> {
  if (listMarksOf(engine.reader(), req.table, req.key).length === 0) return { cleared: false };
  return engine.runOperation({ kind: 'review-mark', params: { table: req.table, key: req.key, clear: true }, via: opts.via, actor: opts.actor }, (op) => {
    const n = engine.writer().prepare('DELETE FROM review_marks WHERE table_name = ? AND record_key = ?').run(req.table, req.key).changes;
    op.setResult({ cleared: `${req.table}/${req.key}` });
    return { cleared: n > 0 };
  });
}
