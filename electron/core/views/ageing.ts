import type { SaleAgeing } from '../../../shared/api/views.js';
import { allRows, sql } from '../db/sql.js';
import type { ReadDb } from '../db/types.js';

/** Open sales' age buckets (days since the sale), upper bounds inclusive; the last is open-ended. */
export const AGE_BUCKETS = [
  { label: '0–30', max: 30 },
  { label: '31–90', max: 90 },
  { label: '91–365', max: 365 },
  { label: 'over 365', max: null },
] as const;

/**
 * The Overview's ageing of sales: how old the open (not finalized) sales are, in buckets, and how long finalized
 * sales waited from the sale to the latest retirement that covers them (median and longest, whole days). One pass
 * over the sales and their statuses; ages count whole days to `now`.
 */
export function saleAgeing(db: ReadDb, now: Date = new Date()): SaleAgeing {
  const asOf = now.toISOString().slice(0, 19);
  const rows = allRows(
    db,
    sql`SELECT CAST(julianday(${asOf}) - julianday(t.created_at) AS INTEGER) AS age,
          coalesce(max(ss.finalized), 0) AS finalized,
          CAST(julianday(max(r.retirement_date)) - julianday(date(t.created_at)) AS INTEGER) AS lag
        FROM sinking_txs t
        LEFT JOIN sink_status ss ON ss.sinking_tx_hash = t.hash
        LEFT JOIN retirements r ON r.certificate_id = ss.certificate_id
        GROUP BY t.hash`,
  );
  const counts = AGE_BUCKETS.map(() => 0);
  const lags: number[] = [];
  for (const r of rows) {
    if (Number(r.finalized) === 1) {
      if (r.lag !== null) lags.push(Math.max(0, Number(r.lag)));
      continue;
    }
    const age = Math.max(0, Number(r.age));
    const i = AGE_BUCKETS.findIndex((b) => b.max === null || age <= b.max);
    counts[i] = (counts[i] ?? 0) + 1;
  }
  lags.sort((a, b) => a - b);
  const mid = lags.length >> 1;
  const median = lags.length === 0 ? null : lags.length % 2 ? (lags[mid] ?? null) : Math.round(((lags[mid - 1] ?? 0) + (lags[mid] ?? 0)) / 2);
  return {
    asOf,
    open: AGE_BUCKETS.map((b, i) => ({ label: b.label, count: counts[i] ?? 0 })),
    finalized: lags.length,
    medianLagDays: median,
    longestLagDays: lags.length ? (lags[lags.length - 1] ?? null) : null,
  };
}
