import { SYNC_STEPS } from '../../../shared/api/sync.js';
import type { SourceConfig } from '../config.js';
import type { WriteDb } from '../db/types.js';
import type { HorizonClient } from '../sources/horizon.js';
import type { HttpClient, HttpOptions } from '../sources/http.js';
import type { VerraClient } from '../sources/verra.js';

/**
 * The catch-up steps, in the order they must run: each reads what the steps before it loaded (the retirement →
 * block links need the retirements and the minted blocks, the sink statuses need the sales and those links).
 */
export const STEP_NAMES = SYNC_STEPS;
export type StepName = (typeof STEP_NAMES)[number];

/** What `load <target>` accepts: sc-audit's loader names; 'associations' is the last two steps together. */
export const LOAD_TARGETS = {
  'impact-projects': ['impact-projects'],
  'distribution-txs': ['distribution-txs'],
  'sinking-txs': ['sinking-txs'],
  'sink-contract-calls': ['sink-contract-calls'],
  retirements: ['retirements'],
  'minted-blocks': ['minted-blocks'],
  associations: ['retirement-from-block', 'sink-statuses'],
} as const satisfies Record<string, readonly StepName[]>;
export type LoadTarget = keyof typeof LOAD_TARGETS;

export interface StepProgress {
  step: StepName;
  done: number;
  /** null while unknown (Horizon does not say how many pages are left). */
  total: number | null;
  state: 'running' | 'waiting' | 'done';
  message?: string;
}

export interface SyncOptions {
  onProgress?: (p: StepProgress) => void;
  signal?: AbortSignal;
  /** HTTP tuning and test hooks (injected sleep, fetch, timeouts). */
  http?: HttpOptions;
  /** Clock for sync_state.last_run_at; injectable for tests. */
  now?: () => Date;
}

/** What a step gets: the writable database, the settings and the source clients of this run. */
export interface StepContext {
  db: WriteDb;
  config: SourceConfig;
  horizon: HorizonClient;
  verra: VerraClient;
  /** The run's HTTP client (timeouts, retries, rate limits), for sources without a client of their own. */
  http: HttpClient;
  progress: (done: number, total: number | null, message?: string) => void;
  signal?: AbortSignal;
  /** No Horizon stream is read from before this TOID: the start of the oldest ledger the Horizon holds. */
  historyFloor: bigint;
  now: () => Date;
}

export type StepCounts = Record<StepName, number>;
