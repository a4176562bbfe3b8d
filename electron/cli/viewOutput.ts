import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import type { ReadDb } from '../core/db/types.js';
import { checkTarget, commitTemp, removeQuietly, tempPathFor } from '../core/files/atomicFile.js';
import { iterateRows } from '../core/db/sql.js';
import { toTextTable } from '../core/export/format.js';
import { toCells } from '../core/export/rowEncoder.js';
import type { ViewSource } from '../core/export/viewSources.js';
import { type ByteSink, type ExportOutcome, writeRows } from '../core/export/writeExport.js';
import type { OutputFormat } from './context.js';

/**
 * The `view` commands' output: the view's own query (the one its pages and exports run), iterated and written as
 * it goes, so `view sink -f csv` over a million sales holds one batch in memory, not every row. CSV and JSON
 * stream through the app's export (writeRows: from 50,000 rows on, the second half on a worker thread); the text
 * table needs every row to size its columns (it is for reading, not for piping).
 */
export interface PrintOptions {
  format: OutputFormat;
  raw?: boolean;
}

/**
 * The reader of stdout went away (`view sink -f csv | head`): what it read is whole and in order; the command
 * stops there (the export's worker stopped, its spill file deleted) and exits 0 without a message.
 */
export class StdoutClosed extends Error {}

const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);
let stdoutErrorsHandled = false;

/** stdout as a sink that honours backpressure: each chunk resolves once flushed (piping into `head` loses nothing). */
export const stdoutSink: ByteSink = {
  write(chunk) {
    if (!stdoutErrorsHandled) {
      stdoutErrorsHandled = true;
      // The failed write's callback gets the error; unlistened, the stream's 'error' event would crash the process.
      process.stdout.on('error', () => undefined);
    }
    return new Promise((resolve, reject) =>
      process.stdout.write(chunk, (err) => {
        if (!err) return resolve();
        reject(READER_GONE.has((err as NodeJS.ErrnoException).code ?? '') ? new StdoutClosed('stdout was closed by its reader') : err);
      }),
    );
  },
};

/** The view's rows to `sink`; CSV and JSON go through the export's own writeRows (its outcome returned), the table not. */
export async function printView(db: ReadDb, view: string, source: ViewSource, opts: PrintOptions, sink: ByteSink = stdoutSink): Promise<ExportOutcome | null> {
  if (opts.format === 'table') {
    const rows = source.mapBatch([...iterateRows(db, source.query, { bigInts: source.bigInts })]);
    await sink.write(Buffer.from(toTextTable({ columns: source.columns, rows: rows.map((r) => toCells(r, source.columns)) }), 'utf8'));
    return null;
  }
  return writeRows(db, view, source, { format: opts.format, raw: opts.raw === true, pretty: true }, sink);
}

/** `--out FILE` (instead of stdout) and `--sign` (FILE.sig.json next to it, which needs a file). */
export interface OutputTargetOptions {
  out?: string;
  sign?: boolean;
}

export interface OutputTarget {
  sink: ByteSink;
  /** Puts the file in place (and signs it); after an error, call abort instead. */
  finish(): Promise<string | null>;
  abort(): void;
}

/** Checked while the command line is read, before the database is opened. */
export function checkOutputTarget(opts: OutputTargetOptions): void {
  if (opts.sign && !opts.out) {
    throw new AppError('BAD_INPUT', '--sign needs --out FILE: the signature is written next to a file (FILE.sig.json), not to stdout.');
  }
}

/**
 * stdout, or the file written under a temporary name and renamed at the end (as exports are); `sign` signs it
 * as a recorded 'sign' operation.
 */
export async function openOutputTarget(opts: OutputTargetOptions, sign: (file: string) => Promise<void>): Promise<OutputTarget> {
  checkOutputTarget(opts);
  if (!opts.out) return { sink: stdoutSink, finish: async () => null, abort: () => undefined };
  const file = checkTarget(path.resolve(opts.out), '--out');
  const tmp = tempPathFor(file);
  const handle = await fs.promises.open(tmp, 'wx');
  return {
    sink: {
      async write(chunk) {
        let off = 0;
        while (off < chunk.length) off += (await handle.write(chunk, off, chunk.length - off)).bytesWritten;
      },
    },
    async finish() {
      await handle.close();
      commitTemp(tmp, file);
      if (opts.sign) await sign(file);
      return file;
    },
    abort() {
      void handle.close().catch(() => undefined);
      removeQuietly(tmp);
    },
  };
}
