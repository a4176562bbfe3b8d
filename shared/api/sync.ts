import { z } from 'zod';
import { method } from '../contractKit.js';
import { clientJobId } from './jobs.js';

/** The catch-up steps in run order (the same names as the core's). */
export const SYNC_STEPS = [
  'impact-projects',
  'distribution-txs',
  'sinking-txs',
  'retirements',
  'minted-blocks',
  'retirement-from-block',
  'sink-statuses',
] as const;
export type SyncStep = (typeof SYNC_STEPS)[number];

/** `load <target>`: sc-audit's loader names; 'associations' = retirement-from-block + sink-statuses. */
export const LOAD_TARGET_NAMES = ['impact-projects', 'distribution-txs', 'sinking-txs', 'minted-blocks', 'retirements', 'associations'] as const;
export type LoadTargetName = (typeof LOAD_TARGET_NAMES)[number];

export interface SyncResult {
  /** Rows loaded per step, in run order. */
  counts: { step: SyncStep; loaded: number }[];
  /** Horizon's Latest-Ledger during this run: the "as of" point (null when Horizon was not asked). */
  latestLedger: number | null;
}

/** One row of sync_state. */
export interface SyncSourceState {
  source: string;
  /** Next Horizon cursor (TOID as a decimal string) or, for retirements, the date the next run restarts from. */
  cursor: string | null;
  /** UTC 'YYYY-MM-DDTHH:MM:SS'. */
  lastRunAt: string | null;
  latestLedger: number | null;
}

const jobParams = { jobId: clientJobId.optional(), note: z.string().max(1000).optional() };

export const syncMethods = {
  /** The full catch-up, as a job: 'job.progress' events (kind 'catch-up') while it runs. */
  'sync.catchUp': method<SyncResult>()(z.object(jobParams).strict(), { job: true }),
  /** One loader, as a job (kind 'load'). */
  'sync.load': method<SyncResult>()(z.object({ target: z.enum(LOAD_TARGET_NAMES), ...jobParams }).strict(), { job: true }),
  /** Where each source stands. */
  'sync.status': method<SyncSourceState[]>()(z.object({}).strict()),
};
