/** Worker-thread entry of verify's checks (see verify.ts checkOffThread): a read connection of its own. */
import type { VerifyProgress } from '../../../shared/api/audit.js';
import { openReadDb } from '../db/open.js';
import { serveWorker } from '../workers/workerPort.js';
import { verifyDatabase, type DatabaseVerdict, type VerifyWorkerData } from './verify.js';

serveWorker<VerifyWorkerData, VerifyProgress, DatabaseVerdict>('verify', (data, _signal, progress) => {
  const db = openReadDb(data.dbPath);
  try {
    return verifyDatabase(db, { graceDays: data.graceDays, now: new Date(data.now), onProgress: progress });
  } finally {
    db.close();
  }
});
