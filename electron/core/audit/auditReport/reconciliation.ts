import { type SqlFragment, sql } from '../../db/sql.js';
import type { ReadDb } from '../../db/types.js';
import type { Reconciliation, RecipientFigures } from './types.js';

/**
 * The report's reconciliation figures at the audit head: sunk = retired + pending in kg, per recipient and in total,
 * and the credits minted, retired from blocks and remaining in VCU. Summed as SQLite integers read as BigInt: exact.
 */
const FILLS_PER_SALE = sql`(SELECT sinking_tx_hash AS hash, sum(amount_filled) AS filled FROM sink_status GROUP BY sinking_tx_hash)`;

export const perRecipientQuery = (): SqlFragment => sql`
  SELECT t.recipient AS recipient, count(*) AS sales, sum(t.carbon_amount) AS sunk,
         sum(coalesce(f.filled, 0)) AS retired, sum(t.carbon_amount - coalesce(f.filled, 0)) AS pending
  FROM sinking_txs t LEFT JOIN ${FILLS_PER_SALE} f ON f.hash = t.hash
  GROUP BY t.recipient ORDER BY sunk DESC, t.recipient`;

function one(db: ReadDb, q: SqlFragment): bigint {
  return (db.prepare(q.text).safeIntegers(true).pluck().get(...q.params) as bigint | null) ?? 0n;
}

export function reconciliation(db: ReadDb): Reconciliation {
  const q = perRecipientQuery();
  const rows = db.prepare(q.text).safeIntegers(true).all(...q.params) as { recipient: string; sales: bigint; sunk: bigint; retired: bigint; pending: bigint }[];
  const perRecipient: RecipientFigures[] = rows.map((r) => ({ ...r, sales: Number(r.sales) }));
  return {
    perRecipient,
    totals: {
      sales: Number(one(db, sql`SELECT count(*) FROM sinking_txs`)),
      sunk: one(db, sql`SELECT sum(carbon_amount) FROM sinking_txs`),
      // Every fill, also one of a missing sale: then the identity below shows it.
      retired: one(db, sql`SELECT sum(amount_filled) FROM sink_status`),
      pending: one(db, sql`SELECT sum(t.carbon_amount - coalesce(f.filled, 0)) FROM sinking_txs t LEFT JOIN ${FILLS_PER_SALE} f ON f.hash = t.hash`),
    },
    credits: {
      minted: one(db, sql`SELECT sum(block_end - block_start + 1) FROM minted_blocks`),
      retiredFromBlocks: one(db, sql`SELECT sum(vcu_amount) FROM retirement_from_block`),
      remaining: one(
        db,
        sql`SELECT sum(m.block_end - m.block_start + 1 - coalesce((SELECT sum(b.vcu_amount) FROM retirement_from_block b WHERE b.block_hash = m.serial_hash), 0)) FROM minted_blocks m`,
      ),
    },
  };
}

/** Σ over recipients equals the totals (a fill of a missing sale breaks it). */
export function recipientsSumToTotals(r: Reconciliation): boolean {
  const sum = r.perRecipient.reduce((a, x) => ({ sunk: a.sunk + x.sunk, retired: a.retired + x.retired, pending: a.pending + x.pending }), { sunk: 0n, retired: 0n, pending: 0n });
  return sum.sunk === r.totals.sunk && sum.retired === r.totals.retired && sum.pending === r.totals.pending;
}
