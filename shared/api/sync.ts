import { z } from 'zod';
import { method } from '../contractKit.js';
import type { VerifyVerdict } from './audit.js';
import { clientJobId } from './jobs.js';

/** The catch-up steps in run order (the same names as the core's). */
export const SYNC_STEPS = [
  'impact-projects',
  'distribution-txs',
  'sinking-txs',
  'sink-contract-calls',
  'retirements',
  'minted-blocks',
  'retirement-from-block',
  'sink-statuses',
] as const;
export type SyncStep = (typeof SYNC_STEPS)[number];

/** `load <target>`: sc-audit's loader names; 'associations' = retirement-from-block + sink-statuses. */
export const LOAD_TARGET_NAMES = ['impact-projects', 'distribution-txs', 'sinking-txs', 'sink-contract-calls', 'minted-blocks', 'retirements', 'associations'] as const;
export type LoadTargetName = (typeof LOAD_TARGET_NAMES)[number];

export interface SyncResult {
  /** Rows loaded per step, in run order. */
  counts: { step: SyncStep; loaded: number }[];
  /** Horizon's Latest-Ledger during this run: the "as of" point (null when Horizon was not asked). */
  latestLedger: number | null;
  /** The bootstrap this catch-up ran first (any data table was empty and --fresh was not given), else null. */
  bootstrap: BootstrapResult | null;
  /** Why the bootstrap failed, when it did (the catch-up then went on from Horizon alone). */
  bootstrapError: string | null;
  /** Streams whose stored cursor lies before the oldest ledger of the configured Horizon (noticed by this run). */
  historyGaps: HistoryGap[];
  /** Where contract-call sales came from in this run: Obsrvr Flow, Mercury Retroshades, or nowhere (not configured). */
  contractCalls: 'obsrvr' | 'mercury' | null;
  /** The verify run right after it (its own operation); null when skipped (`verify: false`) or it could not finish. */
  verify: VerifyVerdict | null;
}

/** A Horizon stream whose records between two ledgers this Horizon can no longer show. */
export interface HistoryGap {
  stream: 'sinking-txs' | 'minted-blocks' | 'distribution-txs';
  fromLedger: number;
  toLedger: number;
  /** UTC time of the newest stored row of the stream, and when the elder ledger closed (null: unknown). */
  fromDate: string | null;
  toDate: string | null;
  horizonUrl: string;
  noticedAt: string;
}

/** One published dump file as a bootstrap took it: what the audit log records as taken on trust. */
export interface BootstrapFile {
  table: string;
  /** The URL or path it was read from. */
  source: string;
  sha256: string;
  bytes: number;
  rows: number;
  /** restored: written; kept: the table already had rows and was left alone; missing: not published. */
  action: 'restored' | 'kept' | 'missing';
}

export interface BootstrapResult {
  /** SC_DATA_URL (or --from): a base URL or a folder. */
  source: string;
  files: BootstrapFile[];
  /** Files skipped (an unknown table) or not found, one line each. */
  warnings: string[];
  operationId: string;
  /** The verify run after a bootstrap on its own (a catch-up's bootstrap is verified with the catch-up). */
  verify?: VerifyVerdict | null;
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

/** `verify: false` skips the verify that follows a catch-up, load or bootstrap (the CLI's --no-verify). */
const jobParams = { jobId: clientJobId.optional(), note: z.string().max(1000).optional(), verify: z.boolean().default(true) };

export const syncMethods = {
  /**
   * The full catch-up, as a job: 'job.progress' events (kind 'catch-up') while it runs. When any data table is
   * empty it first bootstraps from the published dumps (SC_DATA_URL), unless `fresh`.
   */
  'sync.catchUp': method<SyncResult>()(z.object({ fresh: z.boolean().default(false), ...jobParams }).strict(), { job: true }),
  /** Only the bootstrap: download (or read) the published dumps and restore them into the empty tables. */
  'sync.bootstrap': method<BootstrapResult>()(z.object({ from: z.string().trim().min(1).max(4096).optional(), ...jobParams }).strict(), { job: true }),
  /** Every history gap noticed so far. */
  'sync.historyGaps': method<HistoryGap[]>()(z.object({}).strict()),
  /** One loader, as a job (kind 'load'). */
  'sync.load': method<SyncResult>()(z.object({ target: z.enum(LOAD_TARGET_NAMES), ...jobParams }).strict(), { job: true }),
  /** Where each source stands. */
  'sync.status': method<SyncSourceState[]>()(z.object({}).strict()),
};
