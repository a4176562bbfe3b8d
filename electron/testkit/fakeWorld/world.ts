import type { OperationRecord, PaymentRecord } from '../../core/sources/horizon.js';
import type { PoolBatch } from '../../core/sources/poolReport.js';
import type { VerraRetirementItem } from '../../core/sources/verra.js';

/**
 * Everything the fake Horizon + Verra server knows. Payment records always carry their joined transaction;
 * the server drops it unless the request says join=transactions, as Horizon does.
 */
export interface World {
  horizon: {
    /** account id → its payments, any order (the server sorts by paging_token). */
    payments: Record<string, PaymentRecord[]>;
    /** transaction hash → its operations, in order. */
    operations: Record<string, OperationRecord[]>;
    latestLedger: number;
    /**
     * Pruned history, as SDF's public Horizon keeps (about a year): nothing in a ledger below elderLedger is
     * served. An ascending list whose cursor lies below it starts at the oldest kept record ('clamp', what public
     * Horizon does since 2024) or answers 410 before_history ('410', some pruned instances). Absent: full history.
     */
    history?: HorizonHistory;
  };
  verra: {
    retirements: VerraRetirementItem[];
    /** Batches of the carbon pool report, in report order. */
    pool: PoolBatch[];
    /** The registry returns at most this many items per page whatever maxResults says (real: 2000). */
    maxPageSize?: number;
    /** Above this many matches the registry stops counting and sets countExceeded. */
    countLimit?: number;
  };
}

export interface HorizonHistory {
  elderLedger: number;
  mode: 'clamp' | '410';
}

export function emptyWorld(): World {
  return { horizon: { payments: {}, operations: {}, latestLedger: 1 }, verra: { retirements: [], pool: [] } };
}
