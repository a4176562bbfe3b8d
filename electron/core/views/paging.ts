/**
 * Keyset paging shared by the list views: one row more than asked is read, so a page knows whether
 * another follows without a count query. limit null = every matching row (the CLI's default, like sc-audit).
 */
export function pageLimitClause(limit: number | null | undefined): { sql: string; fetch: number | null } {
  if (limit == null) return { sql: '', fetch: null };
  return { sql: `LIMIT ${Math.trunc(limit) + 1}`, fetch: limit };
}

export function splitPage<T>(rows: T[], limit: number | null | undefined): { rows: T[]; more: boolean } {
  if (limit == null || rows.length <= limit) return { rows, more: false };
  return { rows: rows.slice(0, limit), more: true };
}
