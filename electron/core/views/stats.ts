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
    sunk = one('SELECT sum(carbon_amount) FROM sinking_txs');
    retired = one('SELECT sum(amount_filled) FROM sink_status');
    stored = Number(one('SELECT sum(1 + block_end - block_start) FROM minted_blocks'));
  }
  return {
    carbon_sunk: formatDecimal(sunk, CARBON_SCALE),
    carbon_retired: formatDecimal(retired, CARBON_SCALE),
    carbon_pending: formatDecimal(sunk - retired, CARBON_SCALE),
    carbon_stored: stored,
  };
}
