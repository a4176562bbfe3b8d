/**
 * Worker-thread entry of an export's second half (see splitExport.ts): its own read connection, one snapshot
 * (reported as soon as it is taken, so the parent can prove it is the parent's), the rows from `offset` on
 * encoded exactly as the parent encodes its own and written to a spill file the parent then copies out.
 */
import fs from 'node:fs';
import { openReadDb } from '../db/open.js';
import { serveWorker } from '../workers/workerPort.js';
import { ByteChunks } from './byteChunks.js';
import { rowEncoder } from './rowEncoder.js';
import { specRows } from './sourceRows.js';
import { timeSlices } from './timeSlices.js';
import type { ExportWorkerData, ExportWorkerProgress } from './splitExport.js';
import { viewFields } from '../views/outputFields.js';

const PROGRESS_ROWS = 1000;

serveWorker<ExportWorkerData, ExportWorkerProgress, { rows: number }>('export', async (data, signal, progress) => {
  const db = openReadDb(data.dbPath);
  const fd = fs.openSync(data.file, 'wx');
  try {
    db.prepare('BEGIN').run();
    // The first read takes the snapshot; the parent checks that no commit came between its own and this one.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    progress({ snapshot: true });
    const { rows, columns } = specRows(db, viewFields(data.origin.view, data.origin.renames), data.query, data.bigInts);
    const enc = rowEncoder(data.output.format, columns, { ...data.output, continued: true });
    const out = new ByteChunks((bytes) => {
      let off = 0;
      while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    });
    let n = 0;
    const slices = timeSlices();
    for (const values of rows) {
      const wait = out.add(enc.row(values));
      if (wait) await wait;
      n++;
      const turn = slices.after(n);
      if (turn) {
        await turn;
        if (signal.aborted) throw signal.reason;
      }
      if (n % PROGRESS_ROWS === 0) progress({ rows: n });
    }
    await out.flush();
    return { rows: n };
  } finally {
    fs.closeSync(fd);
    db.close();
  }
});
