import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openReadDb } from '../db/open.js';
import type { ReadDb } from '../db/types.js';
import { removeQuietly } from '../files/atomicFile.js';
import { runInWorker, workerEntry } from '../workers/inWorker.js';
import { CHUNK_BYTES, ChunkPair } from './byteChunks.js';
import type { EncodingOptions } from './rowEncoder.js';
import { rowRange } from './sourceRows.js';
import type { SourceOrigin, ViewSource } from './viewSources.js';

/**
 * An export over two cores: the calling thread reads and encodes the first half of the rows while a worker thread
 * (exportWorker.ts) reads and encodes the second half, on a connection of its own, into a spill file; the caller
 * then copies that file out after its own half, so the bytes come out in order and memory stays flat.
 *
 * Both halves must come from one snapshot, and two connections cannot share one. They are proved equal instead:
 * a third connection reads `PRAGMA data_version` before the caller's snapshot and again once the worker holds its
 * own; the value changes if any other connection committed in between (SQLite documents it so). Unchanged, both
 * snapshots lie between two reads of the same database state, so they are that state. Changed (a catch-up
 * committed meanwhile), or the worker cannot start or fails, the caller reads the second half itself, from its
 * own snapshot: the output is the same either way.
 */

/** Fewer rows than this: one thread (a worker's start-up would cost more than it saves). */
export const SPLIT_MIN_ROWS = 50_000;

export interface ExportWorkerData {
  dbPath: string;
  /** The view's spec (the fields are built from it: functions cannot be sent). */
  origin: SourceOrigin;
  /** The second half's query (rowRange), as text and parameters. */
  query: { text: string; params: readonly unknown[] };
  bigInts: boolean;
  output: EncodingOptions & { format: 'csv' | 'json' };
  file: string;
}

export type ExportWorkerProgress = { snapshot: true; rows?: undefined } | { rows: number; snapshot?: undefined };

/** A connection of its own that tells whether anything was committed since it was opened. */
export interface CommitProbe {
  unchanged(): boolean;
  close(): void;
}

export function openCommitProbe(file: string): CommitProbe {
  const db = openReadDb(file);
  const version = () => db.pragma('data_version', { simple: true }) as number;
  const first = version();
  return {
    unchanged: () => db.open && version() === first,
    close: () => db.open && db.close(),
  };
}

export interface SecondHalf {
  /** The first row of the second half (the caller reads the rows before it). */
  offset: number;
  /** The worker's spilled bytes and row count; null: the caller reads the second half itself. */
  done: Promise<{ file: string; rows: number } | null>;
  /** Stops the worker (if still running) and deletes the spill file. */
  stop(): void;
}

/**
 * Starts the worker on rows `offset`… of `source`. `probe` was opened before the caller's snapshot was
 * taken; it is closed here. `onRows` gets the worker's row count as it goes (progress). null: no worker script.
 */
export function startSecondHalf(
  db: ReadDb,
  source: ViewSource & { origin: SourceOrigin },
  output: EncodingOptions & { format: 'csv' | 'json' },
  offset: number,
  probe: CommitProbe,
  onRows: (rows: number) => void,
): SecondHalf | null {
  const entry = workerEntry(__dirname, 'exportWorker');
  if (!entry) {
    probe.close();
    return null;
  }
  const file = path.join(os.tmpdir(), `.sc-export-${process.pid}-${randomBytes(6).toString('hex')}.part`);
  const stopper = new AbortController();
  let proved = false;
  const query = rowRange(source.query, offset, null);
  const data: ExportWorkerData = { dbPath: db.name, origin: source.origin, query: { text: query.text, params: query.params }, bigInts: source.bigInts, output, file };
  const run = runInWorker<ExportWorkerProgress, { rows: number }>(entry, data, {
    what: 'export',
    signal: stopper.signal,
    onProgress: (p) => {
      if (p.snapshot) {
        proved = probe.unchanged();
        probe.close();
        if (!proved) stopper.abort();
      } else onRows(p.rows);
    },
  });
  const done = run.then(
    (r) => (proved ? { file, rows: r.rows } : null),
    () => null,
  );
  let stopped = false;
  // A worker stopped before it created its spill file may create it still: removed once it has settled too.
  void done.finally(() => {
    probe.close();
    if (stopped) removeQuietly(file);
  });
  return {
    offset,
    done,
    stop() {
      stopped = true;
      stopper.abort();
      removeQuietly(file);
    },
  };
}

/** The spill file's bytes, a chunk at a time, to `put` (which may keep a chunk until its next call resolves). */
export async function copySpill(file: string, put: (bytes: Buffer) => Promise<void>, afterChunk: () => void): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  const pair = new ChunkPair();
  try {
    for (;;) {
      const chunk = pair.next();
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      await put(chunk.subarray(0, bytesRead));
      afterChunk();
    }
  } finally {
    await handle.close();
  }
}
