import type { SourceConfig } from '../config.js';
import type { HttpOptions } from '../sources/http.js';
import { runInWorker, workerEntry } from '../workers/inWorker.js';
import type { LoadTarget, StepCounts, StepProgress } from './types.js';

export { WorkerStartError } from '../workers/inWorker.js';

/**
 * Runs the catch-up steps in a worker thread (syncWorker.ts) with its own write connection. Measured in
 * docs/performance.md: in-thread, a 50k-sale first load held the main thread for seconds inside each step's
 * insert transaction, so every other IPC/HTTP call (views, job progress) waited behind it.
 *
 * Only plain-data HTTP options cross to the worker; callers that inject functions (tests: fake sleep, fetch)
 * run in-thread, as does an in-memory database (one connection only).
 */
export interface SyncWorkerData {
  dbPath: string;
  config: SourceConfig;
  target: LoadTarget | null;
  operationId: string;
  http: Omit<HttpOptions, 'signal' | 'onWait' | 'sleep' | 'now' | 'random' | 'fetch'>;
}

export function canSyncInWorker(dbPath: string, http: HttpOptions | undefined): boolean {
  if (dbPath === ':memory:') return false;
  if (http && Object.values(http).some((v) => typeof v === 'function' || (typeof v === 'object' && v !== null))) return false;
  return workerEntry(__dirname, 'syncWorker') !== null;
}

export function syncInWorker(data: SyncWorkerData, opts: { signal?: AbortSignal; onProgress?: (p: StepProgress) => void }): Promise<Partial<StepCounts>> {
  return runInWorker<StepProgress, Partial<StepCounts>>(workerEntry(__dirname, 'syncWorker'), data, { what: 'catch-up', ...opts });
}
