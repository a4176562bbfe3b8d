import type { ReadDb } from '../core/db/types.js';
import { iterateRows } from '../core/db/sql.js';
import { toTextTable } from '../core/export/format.js';
import { toCells } from '../core/export/rowEncoder.js';
import type { ViewSource } from '../core/export/viewSources.js';
import { type ByteSink, writeRows } from '../core/export/writeExport.js';
import type { OutputFormat } from './context.js';

/**
 * The `view` commands' output: the view's own query (the one its pages and exports run), iterated and written as
 * it goes, so `view sink -f csv` over a million sales holds one batch in memory, not every row. CSV and JSON
 * stream; the text table needs every row to size its columns (it is for reading, not for piping).
 */
export interface PrintOptions {
  format: OutputFormat;
  raw?: boolean;
}

/** stdout as a sink that honours backpressure: each chunk resolves once flushed (piping into `head` loses nothing). */
export const stdoutSink: ByteSink = {
  write: (chunk) => new Promise((resolve, reject) => process.stdout.write(chunk, (err) => (err ? reject(err) : resolve()))),
};

export async function printView(db: ReadDb, view: string, source: ViewSource, opts: PrintOptions, sink: ByteSink = stdoutSink): Promise<void> {
  if (opts.format === 'table') {
    const rows = source.mapBatch([...iterateRows(db, source.query, { bigInts: source.bigInts })]);
    await sink.write(Buffer.from(toTextTable({ columns: source.columns, rows: rows.map((r) => toCells(r, source.columns)) }), 'utf8'));
    return;
  }
  await writeRows(db, view, source, { format: opts.format, raw: opts.raw === true, pretty: true }, sink);
}
