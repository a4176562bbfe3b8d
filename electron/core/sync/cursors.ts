import type { SourceConfig } from '../config.js';
import type { ReadDb, WriteDb } from '../db/types.js';
import { incrementToid } from '../domain/toid.js';

export type HorizonSource = 'sinking-txs' | 'minted-blocks' | 'distribution-txs';

// Contract-call sinks come from other sources with synthetic TOIDs; they must not move the Horizon cursor.
const NEWEST: Record<HorizonSource, string> = {
  'sinking-txs': 'SELECT max(toid) AS t FROM sinking_txs WHERE contract_id IS NULL',
  'minted-blocks': 'SELECT max(toid) AS t FROM minted_blocks',
  'distribution-txs': 'SELECT max(toid) AS t FROM distribution_txs',
};

/** The next Horizon cursor of a source: one operation after its newest stored row, else the SC_FIRST_* value. */
export function nextHorizonCursor(db: WriteDb, config: SourceConfig, source: HorizonSource): bigint {
  const row = db.prepare(NEWEST[source]).safeIntegers(true).get() as { t: bigint | null };
  if (row.t !== null) return incrementToid(row.t);
  if (source === 'sinking-txs') return config.firstSinkCursor;
  if (source === 'minted-blocks') return config.firstMintCursor;
  return config.firstDistCursor;
}

/** Where a step's Horizon read starts: the next cursor, raised to the history floor of this run. */
export function readCursor(db: WriteDb, config: SourceConfig, source: HorizonSource, floor: bigint): bigint {
  const next = nextHorizonCursor(db, config, source);
  return next < floor ? floor : next;
}

/** Retirements restart on the newest stored retirement date (inclusive; stored ids are skipped), else all. */
export function retirementsFromDate(db: WriteDb): string | null {
  const row = db.prepare('SELECT max(retirement_date) AS d FROM retirements').get() as { d: string | null };
  return row.d;
}

/** Whether a Horizon source has rows of its own (a first catch-up or the bootstrap loaded it). */
export function hasHorizonRows(db: ReadDb | WriteDb, source: HorizonSource): boolean {
  return (db.prepare(NEWEST[source]).get() as { t: unknown }).t !== null;
}
