/**
 * Methods the UI calls whose contract files are still being written by the engine and backend engineers.
 * Their shapes here follow the issue; `methods.ts` lets the real contract win as soon as a name lands in it,
 * so these declarations only ever fill gaps. Calls to a method the server does not know yet fail with
 * BAD_INPUT "Unknown method", which `isUnknownMethod` recognises so the UI can say "not available yet".
 */
import type { InventoryRow, RetiredFromBlockRow } from '../../../shared/api/views';

export interface PendingSpec<P, R> {
  readonly __in: P;
  readonly __out: R;
}

/** A minted block and the retirements drawn from it (the inventory's detail). */
export interface BlockDetail {
  block: InventoryRow;
  retirements: (RetiredFromBlockRow & { retirement_date?: string; retirement_beneficiary?: string })[];
}

export type PendingMethods = {
  'views.block': PendingSpec<{ serialHash: string }, BlockDetail>;
  /** Import a dump folder (sc-data or `backup dump` output). */
  'dump.restore': PendingSpec<{ dir: string; replace?: boolean }, { counts?: { table: string; inserted: number }[] }>;
};
