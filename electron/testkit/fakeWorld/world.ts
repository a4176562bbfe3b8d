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

export function emptyWorld(): World {
  return { horizon: { payments: {}, operations: {}, latestLedger: 1 }, verra: { retirements: [], pool: [] } };
}
