import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../shared/errors.js';
import type { SourceConfig } from '../config.js';
import type { HttpOptions } from '../sources/http.js';
import type { LoadTarget, StepCounts, StepProgress } from './types.js';

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

export type SyncWorkerMessage =
  | { type: 'started' }
  | { type: 'progress'; progress: StepProgress }
  | { type: 'done'; counts: Partial<StepCounts> }
  | { type: 'error'; code: ErrorCode; message: string };

export function canSyncInWorker(dbPath: string, http: HttpOptions | undefined): boolean {
  if (dbPath === ':memory:') return false;
  if (http && Object.values(http).some((v) => typeof v === 'function' || (typeof v === 'object' && v !== null))) return false;
  return workerEntry() !== null;
}

/** The worker's entry: compiled JavaScript next to this file, or, running from TypeScript sources, via tsx. */
function workerEntry(): { file: string; eval: boolean } | null {
  const js = path.join(__dirname, 'syncWorker.js');
  if (fs.existsSync(js)) return { file: js, eval: false };
  const ts = path.join(__dirname, 'syncWorker.ts');
  if (!fs.existsSync(ts)) return null;
  try {
    const api = require.resolve('tsx/cjs/api');
    return { file: `require(${JSON.stringify(api)}).register(); require(${JSON.stringify(ts)});`, eval: true };
  } catch {
    return null;
  }
}

/** The worker could not start (e.g. a packaged app whose archive a worker cannot load from): nothing ran yet. */
export class WorkerStartError extends Error {}

export function syncInWorker(
  data: SyncWorkerData,
  opts: { signal?: AbortSignal; onProgress?: (p: StepProgress) => void },
): Promise<Partial<StepCounts>> {
  const entry = workerEntry();
  if (!entry) return Promise.reject(new AppError('INTERNAL', 'catch-up: the sync worker script is missing'));
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry.file, { eval: entry.eval, workerData: data });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      // The worker's open sockets (keep-alive) would keep it, and so the CLI process, alive after the result.
      void worker.terminate();
      fn();
    };
    const onAbort = () => worker.postMessage({ type: 'cancel' });
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    // Until the worker says it started, a failure means its script could not load: nothing ran.
    let started = false;
    worker.on('message', (m: SyncWorkerMessage) => {
      if (m.type === 'started') started = true;
      else if (m.type === 'progress') opts.onProgress?.(m.progress);
      else if (m.type === 'done') finish(() => resolve(m.counts));
      else finish(() => reject(new AppError(m.code, m.message)));
    });
    worker.on('error', (err) =>
      finish(() => reject(started ? new AppError('INTERNAL', `catch-up worker: ${err.message}`) : new WorkerStartError(err.message))),
    );
    worker.on('exit', (code) =>
      finish(() => reject(started ? new AppError('INTERNAL', `catch-up worker exited (${code}) before finishing`) : new WorkerStartError(`exit ${code}`))),
    );
  });
}
