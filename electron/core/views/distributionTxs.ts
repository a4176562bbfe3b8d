import type { DistributionTxRow, DistributionTxsParams, Page } from '../../../shared/api/views.js';
import type { ReadDb } from '../db/types.js';
import { parseToid } from '../domain/toid.js';
import { pageLimitClause, splitPage } from './paging.js';
import { distributionTxRow } from './rowMapping.js';

export type DistributionTxsQuery = Partial<Omit<DistributionTxsParams, 'limit'>> & { limit?: number | null };

/** CARBON sent out by the distributor, newest first by default, keyset-paged by toid (the primary key). */
export function listDistributionTxs(db: ReadDb, q: DistributionTxsQuery = {}): Page<DistributionTxRow> {
  const where: string[] = [];
  const args: Record<string, unknown> = {};
  if (q.recipient !== undefined) {
    where.push('recipient = @recipient');
    args.recipient = q.recipient;
  }
  if (q.fromDate !== undefined) {
    where.push('created_at >= @fromDate');
    args.fromDate = `${q.fromDate}T00:00:00`;
  }
  if (q.beforeDate !== undefined) {
    where.push('created_at < @beforeDate');
    args.beforeDate = `${q.beforeDate}T00:00:00`;
  }
  const desc = (q.order ?? 'desc') === 'desc';
  if (q.cursor !== undefined) {
    where.push(desc ? 'toid < @cursor' : 'toid > @cursor');
    args.cursor = parseToid(q.cursor);
  }
  const sql =
    `SELECT hash, created_at, sender, recipient, carbon_amount, toid FROM distribution_txs ` +
    `${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY toid ${desc ? 'DESC' : 'ASC'} ${pageLimitClause(q.limit).sql}`;
  const page = splitPage(db.prepare(sql).safeIntegers(true).all(args) as Record<string, unknown>[], q.limit);
  const rows = page.rows.map(distributionTxRow);
  const last = rows[rows.length - 1];
  return { rows, nextCursor: page.more && last ? last.toid : null };
}
