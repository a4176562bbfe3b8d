import type { LiveStreamName } from '../../../shared/api/live.js';
import { contractCallSource, type SourceConfig } from '../config.js';
import type { ReadDb } from '../db/types.js';
import type { PaymentRecord } from '../sources/horizon.js';
import { hasHorizonRows, type HorizonSource } from '../sync/cursors.js';
import { isDistributionOutflow, isMintPayment, isSinkPayment } from '../sync/horizonRows.js';
import type { LoadTarget } from '../sync/types.js';

/**
 * What each live stream follows and runs: the account whose payments it streams, which records matter (the same
 * tests the catch-up steps apply), and the step a matching record runs. The step reads from its own stored cursor,
 * so the record itself is only the signal: a missed or repeated event loses nothing and loads nothing twice.
 */
export interface LiveSource {
  name: LiveStreamName;
  /** The Horizon source whose stored rows are the step's cursor. */
  table: HorizonSource;
  account: (cfg: SourceConfig) => string;
  /** The step a record runs; null: not a record of this stream's kind (e.g. the issuer receiving CARBON). */
  targetOf: (r: PaymentRecord, cfg: SourceConfig) => LoadTarget | null;
  /** Whether the step has a cursor of its own (else a live load would read the whole history). */
  ready: (db: ReadDb) => boolean;
}

const source = (s: Omit<LiveSource, 'ready'>): LiveSource => ({ ...s, ready: (db) => hasHorizonRows(db, s.table) });

export const LIVE_SOURCES: readonly LiveSource[] = [
  source({
    name: 'sinks',
    table: 'sinking-txs',
    account: (c) => c.sinkIssuer,
    targetOf: (r, c) => (isSinkPayment(r, c) ? 'sinking-txs' : isContractCallRecord(r, c) ? 'sink-contract-calls' : null),
  }),
  source({
    name: 'distribution',
    table: 'distribution-txs',
    account: (c) => c.carbonDistributor,
    targetOf: (r, c) => (isDistributionOutflow(r, c) ? 'distribution-txs' : null),
  }),
  source({ name: 'mints', table: 'minted-blocks', account: (c) => c.carbonIssuer, targetOf: (r, c) => (isMintPayment(r, c) ? 'minted-blocks' : null) }),
];

/**
 * A contract-call sale shows on the sink issuer's stream as an invoke_host_function record, not a payment: it is
 * loaded from the contract-call indexer when one is configured.
 */
export function isContractCallRecord(r: PaymentRecord, cfg: SourceConfig): boolean {
  return r.type === 'invoke_host_function' && contractCallSource(cfg) !== null;
}
