import { createHash } from 'node:crypto';
import type { ExportRequest } from '../../../shared/api/export.js';
import { AppError } from '../../../shared/errors.js';
import type { ReadDb } from '../db/types.js';
import { iterateRows, prepareQuery } from '../db/sql.js';
import { type EncodedColumn, type EncodingOptions, plainColumns, rowEncoder } from './rowEncoder.js';
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
 * Streams one view export: the view's query through `.iterate()` (one row in memory at a time, plus one batch of
 * text), encoded, hashed and handed to the sink a batch at a time. Awaiting the sink between batches lets progress
 * events, cancellation and other requests through. Run it on a connection of its own: while the iterator is
 * open the connection can do nothing else.
 */
export function writeExport(db: ReadDb, req: ExportRequest, sink: ByteSink, opts: ExportProgress = {}): Promise<ExportOutcome> {
  return writeRows(db, req.view, viewSource(req), { format: req.format }, sink, opts);
}

/**
 * A source's rows as arrays of stored values, with the encoder's columns pointing into them: a spec'd view's are
 * the query's own `.raw()` arrays (no row object is built); the others are mapped a batch at a time first.
 */
function sourceRows(db: ReadDb, source: ViewSource): { rows: Iterator<readonly unknown[]> & Iterable<readonly unknown[]>; columns: EncodedColumn[] } {
  if (source.fields) {
    const stmt = prepareQuery(db, source.query, { bigInts: source.bigInts }).raw(true);
    const names = stmt.columns().map((c) => c.name);
    const columns = source.fields.map((f) => {
      const at = names.indexOf(f.column);
      if (at < 0) throw new AppError('INTERNAL', `export: the query has no column ${f.column}`);
      return { name: f.name, at, read: f.read, plain: f.plain };
    });
    return { rows: stmt.iterate(...source.query.params) as IterableIterator<unknown[]>, columns };
  }
  const arrays = (batch: Record<string, unknown>[]) => source.mapBatch(batch).map((r) => source.columns.map((c) => (r as Record<string, unknown>)[c]));
  function* mapped(): Generator<unknown[]> {
    // Inside the generator, so its return() (an early stop) closes the statement through the finally.
    const raw = iterateRows(db, source.query, { bigInts: source.bigInts });
    try {
      let batch: Record<string, unknown>[] = [];
      for (const r of raw) {
        batch.push(r);
        if (batch.length >= DEFAULT_BATCH) {
          yield* arrays(batch);
          batch = [];
        }
      }
      yield* arrays(batch);
    } finally {
      raw.return?.();
    }
  }
  return { rows: mapped(), columns: plainColumns(source.columns) };
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
  const put = async (text: string) => {
    if (text === '') return;
    const buf = Buffer.from(text, 'utf8');
    hash.update(buf);
    bytes += buf.length;
    await pending;
    pending = sink.write(buf);
    pending.catch(() => undefined);
  };
  const checkCancel = () => {
    if (opts.signal?.aborted) {
      throw opts.signal.reason instanceof AppError ? opts.signal.reason : new AppError('CANCELLED', `The export of ${view} was cancelled.`);
    }
  };

  // The total is for progress only: without a listener, no count query.
  const total = opts.onProgress ? Number((db.prepare(`SELECT count(*) AS n FROM (${source.query.text})`).get(...source.query.params) as { n: number }).n) : null;
  const { rows: iterator, columns } = sourceRows(db, source);
  const enc = rowEncoder(output.format, columns, output);
  await put(enc.start());
  let rows = 0;
  let inBatch = 0;
  let text = '';
  let sliceStart = performance.now();
  try {
    for (const values of iterator) {
      text += enc.row(values);
      inBatch++;
      // Reading rows is synchronous: let other calls (IPC, HTTP, progress) through every few milliseconds, not
      // only between batches (docs/performance.md: a 1000-row batch held the thread ~90 ms on a loaded machine).
      if ((inBatch & 63) === 0 && performance.now() - sliceStart >= SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        checkCancel();
        sliceStart = performance.now();
      }
      if (inBatch >= batchRows) {
        rows += inBatch;
        inBatch = 0;
        await put(text);
        text = '';
        opts.onProgress?.(rows, total);
        checkCancel();
        sliceStart = performance.now();
      }
    }
  } catch (err) {
    // The caller cleans up (deletes the temp file) once no write of ours is still running.
    await pending.catch(() => undefined);
    throw err;
  } finally {
    // Closes the statement when we leave early (cancel, sink error), freeing the connection.
    iterator.return?.(undefined);
  }
  rows += inBatch;
  await put(text + enc.end());
  await pending;
  opts.onProgress?.(rows, total);
  return { rows, bytes, sha256: hash.digest('hex') };
}
