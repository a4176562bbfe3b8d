import { createHash } from 'node:crypto';
import type { ExportRequest } from '../../../shared/api/export.js';
import { AppError } from '../../../shared/errors.js';
import type { ReadDb } from '../db/types.js';
import { ByteChunks } from './byteChunks.js';
import { type EncodingOptions, rowEncoder } from './rowEncoder.js';
import { type RowArrays, sourceRows } from './sourceRows.js';
import { copySpill, openCommitProbe, type SecondHalf, SPLIT_MIN_ROWS, startSecondHalf } from './splitExport.js';
import { timeSlices } from './timeSlices.js';
import { type ViewSource, viewSource } from './viewSources.js';

/**
 * Where the bytes go: a temp file (export.toFile), stdout or --out (the CLI), an HTTP response (serve's download).
 * `write` resolves once the chunk is written out, not merely queued: that is its backpressure, and the export
 * reuses the chunk's buffer after it (byteChunks.ts), so a sink that keeps the bytes must copy them.
 */
export interface ByteSink {
  write(chunk: Buffer): Promise<void>;
}

export interface ExportProgress {
  signal?: AbortSignal;
  /** Called every `batchRows` rows and once at the end. */
  onProgress?: (rows: number, total: number | null) => void;
  batchRows?: number;
  /** From this many rows on, the second half is read in a worker thread (splitExport.ts). Default SPLIT_MIN_ROWS. */
  splitMinRows?: number;
}

export interface ExportOutcome {
  rows: number;
  bytes: number;
  sha256: string;
  /** Of `rows`, those a worker thread read and encoded (splitExport.ts); 0 when one thread did all. */
  workerRows: number;
}

const DEFAULT_BATCH = 1000;

/**
 * Streams one view export: the view's query through `.iterate()` (one row in memory at a time, plus one batch of
 * text), encoded, hashed and handed to the sink a batch at a time. Awaiting the sink between batches lets progress
 * events, cancellation and other requests through. Run it on a connection of its own: while the iterator is
 * open the connection can do nothing else.
 */
export function writeExport(db: ReadDb, req: ExportRequest, sink: ByteSink, opts: ExportProgress = {}): Promise<ExportOutcome> {
  return writeRows(db, req.view, viewSource(req), { format: req.format }, sink, opts);
}

/** Streams a view's rows through an encoder into a sink (the export's engine, and the CLI's `view` commands'). */
export async function writeRows(
  db: ReadDb,
  view: string,
  source: ViewSource,
  output: EncodingOptions & { format: 'csv' | 'json' },
  sink: ByteSink,
  opts: ExportProgress = {},
): Promise<ExportOutcome> {
  const batchRows = opts.batchRows ?? DEFAULT_BATCH;
  const hash = createHash('sha256');
  let bytes = 0;
  // One write in flight while the next batch is read and encoded: a file write waits on the thread pool (and the
  // disk), so awaiting each before reading on serialised the two. The next write waits for it: order and
  // backpressure are kept. Its failure is kept for that await (the catch only stops an unhandled-rejection crash).
  let pending: Promise<void> = Promise.resolve();
  const put = async (buf: Buffer) => {
    hash.update(buf);
    bytes += buf.length;
    await pending;
    pending = sink.write(buf);
    pending.catch(() => undefined);
  };
  const out = new ByteChunks(put);
  const checkCancel = () => {
    if (opts.signal?.aborted) {
      throw opts.signal.reason instanceof AppError ? opts.signal.reason : new AppError('CANCELLED', `The export of ${view} was cancelled.`);
    }
  };

  // A read transaction of our own (unless the caller holds one): the count and every row from one snapshot.
  const ownSnapshot = !db.memory && !db.inTransaction;
  const splitMin = opts.splitMinRows ?? SPLIT_MIN_ROWS;
  // Before our snapshot is taken (splitExport.ts): what proves the worker's snapshot is ours.
  const origin = source.fields ? source.origin : null;
  const probe = ownSnapshot && origin && Number.isFinite(splitMin) ? openCommitProbe(db.name) : null;
  if (ownSnapshot) db.prepare('BEGIN').run();
  let split: SecondHalf | null = null;
  let workerRows = 0;
  let rows = 0;
  let spilledRows = 0;
  let total: number | null = null;
  try {
    // The total is for progress and the split: else no count query.
    total = opts.onProgress || probe ? Number((db.prepare(`SELECT count(*) AS n FROM (${source.query.text})`).get(...source.query.params) as { n: number }).n) : null;
    const progress = () => opts.onProgress?.(rows + workerRows, total);
    if (probe && origin && total !== null && total >= splitMin) {
      split = startSecondHalf(db, { ...source, origin }, output, Math.ceil(total / 2), probe, (n) => {
        workerRows = n;
      });
    } else probe?.close();
    const first = sourceRows(db, source, split && { offset: 0, limit: split.offset });
    const enc = rowEncoder(output.format, first.columns, output);
    // The header on its own: a reader of the stream (the CLI's stdout) sees it before the first batch is read.
    await out.add(enc.start());
    await out.flush();
    const encodeAll = async ({ rows: iterator }: { rows: RowArrays }) => {
      let inBatch = 0;
      const slices = timeSlices();
      try {
        for (const values of iterator) {
          const wait = out.add(enc.row(values));
          if (wait) await wait;
          inBatch++;
          const turn = slices.after(inBatch);
          if (turn) {
            await turn;
            checkCancel();
          }
          if (inBatch >= batchRows) {
            rows += inBatch;
            inBatch = 0;
            await out.flush();
            progress();
            checkCancel();
            slices.restart();
          }
        }
      } finally {
        // Closes the statement when we leave early (cancel, sink error), freeing the connection.
        iterator.return?.(undefined);
      }
      rows += inBatch;
    };
    await encodeAll(first);
    if (split) {
      await out.flush();
      const spilled = await split.done;
      checkCancel();
      workerRows = 0;
      if (spilled) {
        await copySpill(spilled.file, put, checkCancel);
        rows += spilled.rows;
        spilledRows = spilled.rows;
      } else {
        // No worker, or its snapshot not provably ours: the same rows from our own snapshot.
        await encodeAll(sourceRows(db, source, { offset: split.offset, limit: null }));
      }
    }
    await out.add(enc.end());
    await out.flush();
    await pending;
  } catch (err) {
    // The caller cleans up (deletes the temp file) once no write of ours is still running.
    await pending.catch(() => undefined);
    throw err;
  } finally {
    split?.stop();
    probe?.close();
    if (ownSnapshot && db.inTransaction) db.prepare('COMMIT').run();
  }
  opts.onProgress?.(rows, total);
  return { rows, bytes, sha256: hash.digest('hex'), workerRows: spilledRows };
}
