/**
 * Worker-thread entry of a catch-up or load (see syncInWorker.ts): its own write connection to the database file,
 * the same steps as in-thread, progress and the result posted back. The app's main thread (Electron's main process,
 * `serve`) stays free to answer other calls while a step's transaction inserts tens of thousands of rows.
 */
import { setCurrentOperation } from '../audit/chain.js';
import { openWriteDb } from '../db/open.js';
import { serveWorker } from '../workers/workerPort.js';
import { catchUp, loadStep } from './catchUp.js';
import type { SyncWorkerData } from './syncInWorker.js';
import type { StepCounts, StepProgress, SyncOptions } from './types.js';

serveWorker<SyncWorkerData, StepProgress, Partial<StepCounts>>('catch-up', async (data, signal, progress) => {
  const db = openWriteDb(data.dbPath, { migrate: false });
  try {
    // The triggers attribute every change to the operation the main thread opened.
    setCurrentOperation(db, data.operationId);
    const opts: SyncOptions = { signal, http: data.http, onProgress: progress };
    return data.target ? await loadStep(db, data.config, data.target, opts) : await catchUp(db, data.config, opts);
  } finally {
    setCurrentOperation(db, null);
    db.close();
  }
});
