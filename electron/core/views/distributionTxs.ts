import type { DistributionTxRow, DistributionTxsParams, Page } from '../../../shared/api/views.js';
import { selectColumns } from '../db/schema.js';
import { allRows, direction, sql, where, type SqlFragment } from '../db/sql.js';
import type { ReadDb } from '../db/types.js';
import { parseToid } from '../domain/toid.js';
import { DISTRIBUTION_SPEC } from './outputFields.js';
import { rowMapper } from './rowCodec.js';
import { dateBound, dateKeyset, keysetPage, lookahead, pageLimit } from './paging.js';

/** The view's params (shared/api/views.ts); limit = rows the query returns (a page asks one more), null = every matching row (export). */
export type DistributionTxsQuery = Partial<Omit<DistributionTxsParams, 'limit'>> & { limit?: number | null };

/**
 * The view's one query: CARBON sent out by the distributor, newest first by default, keyset-paged by toid. A date
 * bound without a recipient pages by (created_at, toid), the same order (paging.ts dateKeyset).
 */
export function distributionTxsQuery(q: DistributionTxsQuery): SqlFragment {
  const desc = (q.order ?? 'desc') === 'desc';
  const cursor = q.cursor === undefined ? undefined : parseToid(q.cursor);
  const byDate = (q.fromDate !== undefined || q.beforeDate !== undefined) && q.recipient === undefined;
  const keyset = byDate ? dateKeyset('distribution_txs', desc, cursor) : null;
  const onCursorSide = (lower: boolean) => keyset?.after != null && lower !== desc;
  const conditions = where([
    q.recipient !== undefined && sql`recipient = ${q.recipient}`,
    q.fromDate !== undefined && dateBound('>=', q.fromDate, onCursorSide(true)),
    q.beforeDate !== undefined && dateBound('<', q.beforeDate, onCursorSide(false)),
    keyset ? keyset.after : cursor !== undefined && (desc ? sql`toid < ${cursor}` : sql`toid > ${cursor}`),
  ]);
  const order = keyset ? keyset.order : sql`ORDER BY toid ${direction(desc ? 'desc' : 'asc')}`;
  return sql`SELECT ${selectColumns('distribution_txs')} FROM distribution_txs ${conditions} ${order} ${pageLimit(q.limit)}`;
}

/** A raw distribution_txs row (INTEGERs as BigInt) → the API row. */
export const distributionTxRow: (r: Record<string, unknown>) => DistributionTxRow = rowMapper(DISTRIBUTION_SPEC);

/** One page of the view (the API's views.distributionTxs). */
export function listDistributionTxs(db: ReadDb, q: DistributionTxsQuery = {}): Page<DistributionTxRow> {
  return keysetPage(allRows(db, distributionTxsQuery({ ...q, limit: lookahead(q.limit) })), q.limit, (raw) => raw.map(distributionTxRow), (r) => r.toid);
}
