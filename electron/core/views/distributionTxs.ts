import type { DistributionTxRow, DistributionTxsParams, Page } from '../../../shared/api/views.js';
import { selectColumns } from '../db/schema.js';
import { allRows, direction, sql, where, type SqlFragment } from '../db/sql.js';
import type { ReadDb } from '../db/types.js';
import { CARBON_SCALE, formatDecimal } from '../domain/amount.js';
import { parseToid } from '../domain/toid.js';
import { keysetPage, lookahead, pageLimit } from './paging.js';

/** The view's params (shared/api/views.ts); limit = rows the query returns (a page asks one more), null = every matching row (export). */
export type DistributionTxsQuery = Partial<Omit<DistributionTxsParams, 'limit'>> & { limit?: number | null };

/** The view's one query: CARBON sent out by the distributor, newest first by default, keyset-paged by toid. */
export function distributionTxsQuery(q: DistributionTxsQuery): SqlFragment {
  const desc = (q.order ?? 'desc') === 'desc';
  const cursor = q.cursor === undefined ? undefined : parseToid(q.cursor);
  const conditions = where([
    q.recipient !== undefined && sql`recipient = ${q.recipient}`,
    q.fromDate !== undefined && sql`created_at >= ${`${q.fromDate}T00:00:00`}`,
    q.beforeDate !== undefined && sql`created_at < ${`${q.beforeDate}T00:00:00`}`,
    cursor !== undefined && (desc ? sql`toid < ${cursor}` : sql`toid > ${cursor}`),
  ]);
  return sql`SELECT ${selectColumns('distribution_txs')} FROM distribution_txs ${conditions} ORDER BY toid ${direction(desc ? 'desc' : 'asc')} ${pageLimit(q.limit)}`;
}

/** A raw distribution_txs row (INTEGERs as BigInt) → the API row. */
export function distributionTxRow(r: Record<string, unknown>): DistributionTxRow {
  return {
    hash: r.hash as string,
    created_at: r.created_at as string,
    sender: r.sender as string,
    recipient: r.recipient as string,
    carbon_amount: formatDecimal(r.carbon_amount as bigint, CARBON_SCALE),
    toid: String(r.toid as bigint),
  };
}

/** One page of the view (the API's views.distributionTxs). */
export function listDistributionTxs(db: ReadDb, q: DistributionTxsQuery = {}): Page<DistributionTxRow> {
  return keysetPage(allRows(db, distributionTxsQuery({ ...q, limit: lookahead(q.limit) })), q.limit, (raw) => raw.map(distributionTxRow), (r) => r.toid);
}
