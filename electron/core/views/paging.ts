import { EMPTY, sql, type SqlFragment } from '../db/sql.js';

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
