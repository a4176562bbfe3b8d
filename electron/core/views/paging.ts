import { direction, EMPTY, sql, sqlId, type SqlFragment } from '../db/sql.js';

/**
 * Keyset paging shared by the list views: a page reads one row more than it shows (lookahead), so it knows whether
 * another follows without a count query. limit null = every matching row (the CLI's default, like sc-audit).
 */
export function pageLimit(limit: number | null | undefined): SqlFragment {
  return limit == null ? EMPTY : sql`LIMIT ${Math.trunc(limit)}`;
}

/** The rows a page reads: one more than it shows (null stays null: every row). */
export function lookahead(limit: number | null | undefined): number | null {
  return limit == null ? null : Math.trunc(limit) + 1;
}

export function splitPage<T>(rows: T[], limit: number | null | undefined): { rows: T[]; more: boolean } {
  if (limit == null || rows.length <= limit) return { rows, more: false };
  return { rows: rows.slice(0, limit), more: true };
}

/** A page of mapped rows and the cursor of the next one (the last row's key), or null when this page is the last. */
export function keysetPage<R, C>(raw: Record<string, unknown>[], limit: number | null | undefined, map: (rows: Record<string, unknown>[]) => R[], key: (row: R) => C): { rows: R[]; nextCursor: C | null } {
  const page = splitPage(raw, limit);
  const rows = map(page.rows);
  const last = rows[rows.length - 1];
  return { rows, nextCursor: page.more && last !== undefined ? key(last) : null };
}

/**
 * The keyset of a page ordered by (created_at, toid), the order date-bounded pages walk (migration 007): a date
 * bound far from the newest/oldest end is then a jump into the index instead of a walk past every newer/older row.
 * Ledger close times rise with the ledger sequence, the TOID's high bits, so this is the TOID order itself. The
 * cursor stays the last row's TOID (what clients got and pass back); its created_at is looked up by TOID.
 */
export function dateKeyset(table: 'sinking_txs' | 'distribution_txs', desc: boolean, cursor: bigint | undefined): { order: SqlFragment; after: SqlFragment | null } {
  const t = sqlId(table, [table]);
  const dir = direction(desc ? 'desc' : 'asc');
  const order = sql`ORDER BY created_at ${dir}, toid ${dir}`;
  if (cursor === undefined) return { order, after: null };
  const at = sql`(SELECT c.created_at FROM ${t} c WHERE c.toid = ${cursor})`;
  return { order, after: desc ? sql`(created_at, toid) < (${at}, ${cursor})` : sql`(created_at, toid) > (${at}, ${cursor})` };
}

/**
 * A date bound of a date-ordered page. The bound on the cursor's side is written `+created_at` once a cursor is
 * given: it still filters, but SQLite then takes the cursor (the tighter bound) for the index range, not the date.
 */
export function dateBound(op: '>=' | '<', day: string, onCursorSide: boolean): SqlFragment {
  const at = `${day}T00:00:00`;
  const col = onCursorSide ? sql`+created_at` : sql`created_at`;
  return op === '>=' ? sql`${col} >= ${at}` : sql`${col} < ${at}`;
}
