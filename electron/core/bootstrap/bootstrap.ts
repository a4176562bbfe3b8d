import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BootstrapFile, BootstrapResult } from '../../../shared/api/sync.js';
import { DATA_TABLES } from '../db/migrations/index.js';
import type { ReadDb } from '../db/types.js';
import { restoreDatabase } from '../dump/restore.js';
import type { Engine } from '../engine.js';
import { HttpClient, type HttpOptions } from '../sources/http.js';
import { fetchPublishedDumps } from './publishedDumps.js';

/** What a bootstrap is told to report (the CLI prints a line per file; the app shows job progress). */
export interface BootstrapProgress {
  /** bytes: a download under way; file: one file done (a line each on the CLI); restore: writing the rows. */
  kind: 'bytes' | 'file' | 'restore';
  done: number;
  total: number;
  message: string;
}

export interface BootstrapOptions {
  /** SC_DATA_URL in effect, or --from. */
  location: string;
  via?: string;
  note?: string;
  actor?: string;
  signal?: AbortSignal;
  http?: HttpOptions;
  onProgress?: (p: BootstrapProgress) => void;
  /** Told each skipped or missing file. */
  onWarning?: (message: string) => void;
}

/** sc-audit's rule: a catch-up bootstraps when any of the seven data tables is empty. */
export function needsBootstrap(db: ReadDb): boolean {
  return DATA_TABLES.some((t) => db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM ${t}) AS empty`).pluck().get() === 1);
}

/**
 * Downloads (or reads) the published dumps and restores them into the tables that are empty, as one recorded
 * operation ('bootstrap') whose params and result name the source, each file's sha256, size and row count: the
 * audit log then shows exactly what was taken on trust from the audited party. All or nothing: a download that
 * fails, a bad line or a broken reference writes no row. The caller holds the sync lock.
 */
export async function bootstrapFromPublishedData(engine: Engine, opts: BootstrapOptions): Promise<BootstrapResult> {
  const downloadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-audit-bootstrap-'));
  const warnings: string[] = [];
  const warn = (w: string) => {
    warnings.push(w);
    opts.onWarning?.(w);
  };
  try {
    return await engine.runOperation(
      { kind: 'bootstrap', params: { source: opts.location }, sourceUrls: [opts.location], via: opts.via, note: opts.note, actor: opts.actor, signal: opts.signal },
      async (op) => {
        const http = new HttpClient({ ...opts.http, signal: opts.signal ?? opts.http?.signal });
        const fetched = await fetchPublishedDumps(opts.location, {
          http,
          downloadDir,
          onBytes: (table, bytes) =>
            opts.onProgress?.({ kind: 'bytes', done: DATA_TABLES.indexOf(table), total: DATA_TABLES.length, message: `${table}.ndjson: ${bytes.toLocaleString('en-US')} bytes` }),
          onFile: (f, i, total) => {
            if (f.sha256 === null) warn(`${f.source}: not published there; the ${f.table} table is left to the catch-up`);
            opts.onProgress?.({ kind: 'file', done: i + 1, total, message: fileLine(f) });
          },
        });
        const rows = fetched.files.reduce((n, f) => n + f.rows, 0);
        opts.onProgress?.({ kind: 'restore', done: DATA_TABLES.length, total: DATA_TABLES.length, message: `restoring ${rows.toLocaleString('en-US')} rows (all or nothing)` });
        const restored = restoreDatabase(engine.writer(), fetched.dir, { onWarning: warn });
        const files: BootstrapFile[] = fetched.files.map((f) => {
          const r = restored.find((x) => x.table === f.table);
          const action = f.sha256 === null || !r || r.action === 'missing' ? 'missing' : r.action;
          return { table: f.table, source: f.source, sha256: f.sha256 ?? '', bytes: f.bytes, rows: f.rows, action };
        });
        const provenance = { source: opts.location, files, warnings };
        op.setResult(provenance);
        return { ...provenance, operationId: op.id };
      },
    );
  } finally {
    fs.rmSync(downloadDir, { recursive: true, force: true });
  }
}

/** "sinking_txs.ndjson: 31 rows, 9,845 bytes, sha256 1f0c…" */
export function fileLine(f: { table: string; rows: number; bytes: number; sha256: string | null }): string {
  if (f.sha256 === null || f.sha256 === '') return `${f.table}.ndjson: not published`;
  return `${f.table}.ndjson: ${f.rows} rows, ${f.bytes.toLocaleString('en-US')} bytes, sha256 ${f.sha256}`;
}
