/**
 * Worker-thread entry of a catch-up or load (see syncInWorker.ts): its own write connection to the database file,
 * the same steps as in-thread, progress and the result posted back. The app's main thread (Electron's main process,
 * `serve`) stays free to answer other calls while a step's transaction inserts tens of thousands of rows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, toApiError } from '../../../shared/errors.js';
import { setCurrentOperation } from '../audit/chain.js';
import { openWriteDb } from '../db/open.js';
import { catchUp, loadStep } from './catchUp.js';
import type { SyncWorkerData, SyncWorkerMessage } from './syncInWorker.js';
import type { SyncOptions } from './types.js';

const port = parentPort;
if (!port) throw new Error('syncWorker.ts runs only as a worker thread');
const data = workerData as SyncWorkerData;
const controller = new AbortController();
port.on('message', (m: { type: 'cancel' }) => {
  if (m.type === 'cancel') controller.abort(new AppError('CANCELLED', 'The catch-up was cancelled'));
});
const post = (m: SyncWorkerMessage) => port.postMessage(m);

async function main(): Promise<void> {
  post({ type: 'started' });
  const db = openWriteDb(data.dbPath, { migrate: false });
  try {
    // The triggers attribute every change to the operation the main thread opened.
    setCurrentOperation(db, data.operationId);
    const opts: SyncOptions = { signal: controller.signal, http: data.http, onProgress: (p) => post({ type: 'progress', progress: p }) };
    const counts = data.target ? await loadStep(db, data.config, data.target, opts) : await catchUp(db, data.config, opts);
    post({ type: 'done', counts });
  } finally {
    setCurrentOperation(db, null);
    db.close();
  }
}

main().catch((err: unknown) => {
  const e = toApiError(err);
  post({ type: 'error', code: e.code, message: e.message });
});
