import { z } from 'zod';
import { method } from '../contractKit.js';
import { clientJobId } from './jobs.js';

/**
 * The provenance check: rows that entered by bootstrap or restore, re-derived from Horizon and Verra. A verdict
 * belongs to the row as it was checked; a row changed since counts as unchecked.
 */
export const PROVENANCE_STATUSES = ['confirmed', 'differs', 'unconfirmable', 'unchecked'] as const;
export type ProvenanceRowStatus = (typeof PROVENANCE_STATUSES)[number];

export interface ProvenanceSummary {
  /** Rows taken on trust: their newest change came from a bootstrap or restore, or they are contract-call sales (from an indexer). */
  bootstrapped: number;
  confirmed: number;
  /** A source disagrees (verify fails). */
  differs: number;
  /** The source no longer has it (e.g. older than Horizon's history): listed, never a failure. */
  unconfirmable: number;
  unchecked: number;
  lastCheckedAt: string | null;
}

export interface ProvenanceRun {
  /** Rows checked by this run (0 when every bootstrapped row was already confirmed as it is). */
  checked: number;
  requests: number;
  /** null when nothing was due (no operation recorded). */
  operationId: string | null;
  summary: ProvenanceSummary;
}

export interface ProvenanceRow {
  table: string;
  key: string;
  status: ProvenanceRowStatus;
  source: string | null;
  detail: string | null;
  checkedAt: string | null;
}

const DATA_TABLE_NAMES = ['vcs_projects', 'minted_blocks', 'retirements', 'sinking_txs', 'distribution_txs', 'retirement_from_block', 'sink_status'] as const;

export const provenanceMethods = {
  /** Re-derives what is due (new, changed or not yet confirmed), as a job with progress; cancellable. */
  'provenance.check': method<ProvenanceRun>()(z.object({ jobId: clientJobId.optional(), note: z.string().max(1000).optional() }).strict(), { job: true }),
  'provenance.summary': method<ProvenanceSummary>()(z.object({}).strict()),
  'provenance.rows': method<ProvenanceRow[]>()(
    z.object({ status: z.enum(PROVENANCE_STATUSES).optional(), table: z.enum(DATA_TABLE_NAMES).optional() }).strict(),
  ),
};
