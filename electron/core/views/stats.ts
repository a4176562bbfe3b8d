import type { CarbonStats } from '../../../shared/api/views.js';
import type { ReadDb } from '../db/types.js';
import { CARBON_SCALE, formatDecimal } from '../domain/amount.js';

/**
 * Headline figures: carbon sunk (sold), retired (filled by retirements), pending (the difference), and,
 * without a recipient filter, the credits ever minted as CARBON. Sums are of integer kilograms: exact.
 */
export function carbonStats(db: ReadDb, recipient?: string): CarbonStats {
  const one = (sql: string, ...args: unknown[]): bigint =>
    (db.prepare(sql).pluck().safeIntegers(true).get(...args) as bigint | null) ?? 0n;
  let sunk: bigint;
  let retired: bigint;
  let stored: number | null = null;
  if (recipient !== undefined) {
    sunk = one('SELECT sum(carbon_amount) FROM sinking_txs WHERE recipient = ?', recipient);
    retired = one(
      'SELECT sum(ss.amount_filled) FROM sink_status ss JOIN sinking_txs s ON s.hash = ss.sinking_tx_hash WHERE s.recipient = ?',
      recipient,
    );
  } else {
    // Kept by triggers (migration 012); a total that left the int64 range is not an integer there: sum the table.
    const totals = db.prepare('SELECT sunk_kg, retired_kg FROM carbon_totals').safeIntegers(true).get() as { sunk_kg: unknown; retired_kg: unknown } | undefined;
    sunk = typeof totals?.sunk_kg === 'bigint' ? totals.sunk_kg : one('SELECT sum(carbon_amount) FROM sinking_txs');
    retired = typeof totals?.retired_kg === 'bigint' ? totals.retired_kg : one('SELECT sum(amount_filled) FROM sink_status');
    stored = Number(one('SELECT sum(1 + block_end - block_start) FROM minted_blocks'));
  }
  return {
    carbon_sunk: formatDecimal(sunk, CARBON_SCALE),
    carbon_retired: formatDecimal(retired, CARBON_SCALE),
    carbon_pending: formatDecimal(sunk - retired, CARBON_SCALE),
    carbon_stored: stored,
  };
}
