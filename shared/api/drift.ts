import { z } from 'zod';
import { method } from '../contractKit.js';
import type { Page } from './page.js';

/**
 * Registry drift (issue 15): what Verra says now that differs from the rows as first stored. Every catch-up
 * re-reads all of Stellarcarbon's retirements and the carbon pool report; each difference is one entry of an
 * append-only, hash-chained log, recorded once when first noticed.
 */
export const DRIFT_SOURCES = ['retirement', 'pool_batch'] as const;
export type DriftSource = (typeof DRIFT_SOURCES)[number];
/** removed: no longer listed; reassigned: serial, quantity, beneficiary or details; edited: any other field; restored: back to the first value. */
export const DRIFT_KINDS = ['removed', 'reassigned', 'edited', 'restored'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export const driftParams = z
  .object({
    source: z.enum(DRIFT_SOURCES).optional(),
    kind: z.enum(DRIFT_KINDS).optional(),
    /** A certificate id or a pool batch serial number, exactly. */
    subject: z.string().min(1).max(200).optional(),
    /** seq of the last row of the previous page. */
    cursor: z.number().int().nonnegative().optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    order: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();
export type DriftParams = z.output<typeof driftParams>;

export interface DriftRow {
  seq: number;
  noticed_at: string;
  source: DriftSource;
  /** Certificate id (retirement) or serial number (pool batch). */
  subject: string;
  /** The column that differs, or 'record' (kind removed/restored of the whole record). */
  field: string;
  kind: DriftKind;
  first_value: string | null;
  current_value: string | null;
  /** The sales (sinking tx hashes, space-separated) the retirement covers (sink_status); null for none or a pool batch. */
  covered_sales: string | null;
  operation_id: string | null;
  hash: string;
}

/** What the Overview says of the drift log: how many entries, how many records they are about, the latest one. */
export interface DriftSummary {
  entries: number;
  /** Distinct records (certificates, pool batches) with an entry. */
  records: number;
  latestNoticedAt: string | null;
}

export const driftMethods = {
  'views.drift': method<Page<DriftRow, number>>()(driftParams),
  'views.driftSummary': method<DriftSummary>()(z.object({}).strict()),
};
