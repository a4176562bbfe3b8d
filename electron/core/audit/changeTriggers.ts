import type Database from 'better-sqlite3';
import { DATA_TABLES } from '../db/dataTables.js';
import { CHANGE_HASH_FUNCTION, CURRENT_OPERATION_FUNCTION, GENESIS_HASH } from './chain.js';

/**
 * Change capture: AFTER INSERT/UPDATE/DELETE triggers on every data table append one audit_changes row per
 * row written, so no write path can forget it. The row's before/after state is json_object(...) of all its
 * columns in table order; the verify replay check rebuilds the same expression from the live rows.
 * Column lists are read from the schema, so a later migration that adds a column re-runs installChangeTriggers.
 * The app's bulk writer (bulkChanges.ts) sets a table's insert trigger aside inside its own write transaction and logs
 * those rows itself (same rows, same chain, written per batch); every other write is logged here.
 */
type Db = Pick<Database.Database, 'prepare' | 'exec'>;

/** The tables whose changes are logged: every data table, the auditor's review marks (migration 010) and the registry drift log. */
export const AUDITED_TABLES = [...DATA_TABLES, 'review_marks', 'registry_drift'] as const;

export interface TableShape {
  table: string;
  columns: string[];
  /** Primary-key columns in key order. */
  keyColumns: string[];
}

export function tableShape(db: Pick<Database.Database, 'prepare'>, table: string): TableShape {
  const info = db.prepare(`SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as { name: string; pk: number }[];
  if (info.length === 0) throw new Error(`no such table: ${table}`);
  const keyColumns = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  return { table, columns: info.map((c) => c.name), keyColumns };
}

/** The record key as text: single key → its value; composite key → values joined with '/'. */
export function keyExpr(shape: TableShape, row: string): string {
  return shape.keyColumns.map((c) => `CAST(${row}${c} AS TEXT)`).join(` || '/' || `);
}

export function stateExpr(shape: TableShape, row: string): string {
  return `json_object(${shape.columns.map((c) => `'${c}', ${row}${c}`).join(', ')})`;
}

export function changeTriggerNames(table: string): string[] {
  return ['insert', 'update', 'delete'].map((k) => `audit_${table}_${k}`);
}

/** Every trigger the audit needs; verify reports any that is missing (dropped by someone). */
export function expectedAuditTriggers(): string[] {
  return [
    ...AUDITED_TABLES.flatMap((t) => changeTriggerNames(t)),
    ...[...APPEND_ONLY_TABLES, ...LATER_APPEND_ONLY_TABLES].flatMap((t) => [`${t}_no_update`, `${t}_no_delete`]),
  ];
}

/** The audit trail's own tables (migration 002 makes them append-only). */
export const APPEND_ONLY_TABLES = ['audit_operation_events', 'audit_changes'] as const;
/** Append-only tables of later migrations: the registry drift log (installAppendOnlyTriggers). */
export const LATER_APPEND_ONLY_TABLES = ['registry_drift'] as const;

/** UPDATE and DELETE refused on `tables` (the same triggers migration 002 gives the audit tables). */
export function installAppendOnlyTriggers(db: Db, tables: readonly string[]): void {
  for (const t of tables) {
    db.exec(`
      CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t}
      BEGIN SELECT RAISE(ABORT, '${t} is append-only: UPDATE rejected'); END;
      CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t}
      BEGIN SELECT RAISE(ABORT, '${t} is append-only: DELETE rejected'); END;
    `);
  }
}

/** The chain's last seq over both audit tables: two O(1) max(rowid) lookups (cheaper than the audit_head view). */
export const LAST_SEQ_SQL = `SELECT max(coalesce((SELECT max(seq) FROM audit_changes), 0), coalesce((SELECT max(seq) FROM audit_operation_events), 0)) AS last`;

function insertChange(table: string, kind: 'insert' | 'update' | 'delete', key: string, before: string, after: string, when = ''): string {
  const hash = `${CHANGE_HASH_FUNCTION}(n.prev, n.seq, n.op, '${table}', n.k, '${kind}', n.b, n.a, n.t)`;
  return `
    INSERT INTO audit_changes (seq, operation_id, table_name, record_key, kind, before_json, after_json, changed_at, hash)
    SELECT n.seq, n.op, '${table}', n.k, '${kind}', n.b, n.a, n.t, ${hash}
    FROM (
      SELECT l.last + 1 AS seq,
             coalesce((SELECT hash FROM audit_changes WHERE seq = l.last),
                      (SELECT hash FROM audit_operation_events WHERE seq = l.last), '${GENESIS_HASH}') AS prev,
             ${CURRENT_OPERATION_FUNCTION}() AS op, ${key} AS k, ${before} AS b, ${after} AS a,
             strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS t
      FROM (${LAST_SEQ_SQL}) l
      -- OFFSET keeps SQLite from flattening this subquery, which would evaluate each expression twice.
      LIMIT 1 OFFSET 0
    ) n ${when};`;
}

/** Installs (or re-installs) the triggers of `tables`; the default is the data tables, what migration 002 installs. */
export function installChangeTriggers(db: Db, tables: readonly string[] = DATA_TABLES): void {
  for (const table of tables) {
    const s = tableShape(db, table);
    const [ins, upd, del] = changeTriggerNames(table);
    const keyChanged = s.keyColumns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
    db.exec(`
      DROP TRIGGER IF EXISTS ${ins};
      DROP TRIGGER IF EXISTS ${upd};
      DROP TRIGGER IF EXISTS ${del};
      CREATE TRIGGER ${ins} AFTER INSERT ON ${table} BEGIN
        ${insertChange(table, 'insert', keyExpr(s, 'NEW.'), 'NULL', stateExpr(s, 'NEW.'))}
      END;
      CREATE TRIGGER ${upd} AFTER UPDATE ON ${table} BEGIN
        ${insertChange(table, 'update', keyExpr(s, 'NEW.'), stateExpr(s, 'OLD.'), stateExpr(s, 'NEW.'), `WHERE NOT (${keyChanged})`)}
        ${insertChange(table, 'delete', keyExpr(s, 'OLD.'), stateExpr(s, 'OLD.'), 'NULL', `WHERE ${keyChanged}`)}
        ${insertChange(table, 'insert', keyExpr(s, 'NEW.'), 'NULL', stateExpr(s, 'NEW.'), `WHERE ${keyChanged}`)}
      END;
      CREATE TRIGGER ${del} AFTER DELETE ON ${table} BEGIN
        ${insertChange(table, 'delete', keyExpr(s, 'OLD.'), stateExpr(s, 'OLD.'), 'NULL')}
      END;
    `);
  }
}
