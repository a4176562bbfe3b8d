import type { DriftParams, DriftRow, DriftSummary } from '../../../shared/api/drift.js';
import type { Page } from '../../../shared/api/page.js';
import { allRows, direction, sql, where, type SqlFragment } from '../db/sql.js';
import type { ReadDb } from '../db/types.js';
import { DRIFT_SPEC } from './outputFields.js';
import { keysetPage, lookahead, pageLimit } from './paging.js';
import { rowMapper } from './rowCodec.js';

/** The view's params (shared/api/drift.ts); limit = rows the query returns, null = every matching row (CLI, export). */
export type DriftQuery = Partial<Omit<DriftParams, 'limit'>> & { limit?: number | null };

/**
 * The Drift view's one query (page, export and `view drift`): the registry drift log, newest first by default,
 * keyset-paged by seq; a retirement's entry names the sales it covers (sink_status) now.
 */
export function driftQuery(q: DriftQuery): SqlFragment {
  const desc = (q.order ?? 'desc') === 'desc';
  const conditions = where([
    q.source !== undefined && sql`d.source = ${q.source}`,
    q.kind !== undefined && sql`d.kind = ${q.kind}`,
    q.subject !== undefined && sql`d.subject = ${q.subject}`,
    q.cursor !== undefined && (desc ? sql`d.seq < ${q.cursor}` : sql`d.seq > ${q.cursor}`),
  ]);
  return sql`SELECT d.seq, d.noticed_at, d.source, d.subject, d.field, d.kind, d.first_value, d.current_value,
      CASE WHEN d.source = 'retirement' THEN (
        SELECT group_concat(h, ' ') FROM (SELECT s.sinking_tx_hash AS h FROM sink_status s
          WHERE s.certificate_id = CAST(d.subject AS INTEGER) ORDER BY s.sinking_tx_hash)
      ) END AS covered_sales,
      d.operation_id, d.hash
    FROM registry_drift d ${conditions} ORDER BY d.seq ${direction(desc ? 'desc' : 'asc')} ${pageLimit(q.limit)}`;
}

export const driftRow: (r: Record<string, unknown>) => DriftRow = rowMapper(DRIFT_SPEC);

/** One page of the Drift view (the API's views.drift). */
export function listDrift(db: ReadDb, q: DriftQuery = {}): Page<DriftRow, number> {
  return keysetPage(allRows(db, driftQuery({ ...q, limit: lookahead(q.limit) })), q.limit, (raw) => raw.map(driftRow), (r) => r.seq);
}

/** How many entries the log holds, about how many records (the Overview links the view when there are any). */
export function driftSummary(db: ReadDb): DriftSummary {
  const r = db.prepare('SELECT count(*) AS entries, count(DISTINCT source || subject) AS records, max(noticed_at) AS latest FROM registry_drift').get() as {
    entries: number | bigint;
    records: number | bigint;
    latest: string | null;
  };
  return { entries: Number(r.entries), records: Number(r.records), latestNoticedAt: r.latest };
}
