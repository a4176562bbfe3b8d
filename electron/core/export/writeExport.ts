import { createHash } from 'node:crypto';
import type { ExportRequest } from '../../../shared/api/export.js';
import { AppError } from '../../../shared/errors.js';
import type { ReadDb } from '../db/types.js';
import { iterateRows } from '../db/sql.js';
import { type RowEncoder, rowEncoder } from './rowEncoder.js';
import { type ViewSource, viewSource } from './viewSources.js';

/** Where the bytes go: a temp file (export.toFile) or an HTTP response (serve's download). Must honour backpressure. */
export interface ByteSink {
  write(chunk: Buffer): Promise<void>;
}

export interface ExportProgress {
  signal?: AbortSignal;
  /** Called every `batchRows` rows and once at the end. */
  onProgress?: (rows: number, total: number | null) => void;
  batchRows?: number;
}

export interface ExportOutcome {
  rows: number;
  bytes: number;
  sha256: string;
}

const DEFAULT_BATCH = 1000;
/** Longest stretch of row reading between two yields to the event loop. */
const SLICE_MS = 8;

/**
 * Streams one view export: the view's query through `.iterate()` (one row in memory at a time, plus one batch),
 * encoded, hashed and handed to the sink a batch at a time. Awaiting the sink between batches lets progress
 * events, cancellation and other requests through. Run it on a connection of its own: while the iterator is
 * open the connection can do nothing else.
 */
export function writeExport(db: ReadDb, req: ExportRequest, sink: ByteSink, opts: ExportProgress = {}): Promise<ExportOutcome> {
  const source = viewSource(req);
  return writeRows(db, req.view, source, rowEncoder(req.format, source.columns), sink, opts);
}

/** Streams a view's rows through an encoder into a sink (the export's engine, and the CLI's `view` commands'). */
export async function writeRows(db: ReadDb, view: string, source: ViewSource, enc: RowEncoder, sink: ByteSink, opts: ExportProgress = {}): Promise<ExportOutcome> {
  const batchRows = opts.batchRows ?? DEFAULT_BATCH;
  const hash = createHash('sha256');
  let bytes = 0;
  const put = async (text: string) => {
    if (text === '') return;
    const buf = Buffer.from(text, 'utf8');
    hash.update(buf);
    bytes += buf.length;
    await sink.write(buf);
  };
  const checkCancel = () => {
    if (opts.signal?.aborted) {
      throw opts.signal.reason instanceof AppError ? opts.signal.reason : new AppError('CANCELLED', `The export of ${view} was cancelled.`);
    }
  };

  // The total is for progress only: without a listener, no count query.
  const total = opts.onProgress ? Number((db.prepare(`SELECT count(*) AS n FROM (${source.query.text})`).get(...source.query.params) as { n: number }).n) : null;
  await put(enc.start());
  let rows = 0;
  let batch: Record<string, unknown>[] = [];
  const iterator = iterateRows(db, source.query, { bigInts: source.bigInts });
  let sliceStart = performance.now();
  try {
    for (const raw of iterator) {
      batch.push(raw);
      // Reading rows is synchronous: let other calls (IPC, HTTP, progress) through every few milliseconds, not
      // only between batches (docs/performance.md: a 1000-row batch held the thread ~90 ms on a loaded machine).
      if ((batch.length & 63) === 0 && performance.now() - sliceStart >= SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        checkCancel();
        sliceStart = performance.now();
      }
      if (batch.length >= batchRows) {
        rows += batch.length;
        await put(enc.batch(source.mapBatch(batch)));
        batch = [];
        opts.onProgress?.(rows, total);
        checkCancel();
        sliceStart = performance.now();
      }
    }
  } finally {
    // Closes the statement when we leave early (cancel, sink error), freeing the connection.
    iterator.return?.();
  }
  rows += batch.length;
  await put(enc.batch(source.mapBatch(batch)));
  await put(enc.end());
  opts.onProgress?.(rows, total);
  return { rows, bytes, sha256: hash.digest('hex') };
}
