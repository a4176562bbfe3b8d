import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/errors.js';
import { DATA_TABLES, type DataTable } from '../db/migrations/index.js';
import type { HttpClient } from '../sources/http.js';

/** Largest dump file a bootstrap accepts (sc-data's largest is a few kB today; a million sales is ~400 MB). */
export const MAX_DUMP_BYTES = 1024 * 1024 * 1024;

export interface FetchedDump {
  table: DataTable;
  /** The URL or path it was read from. */
  source: string;
  /** null: not published at this location. */
  sha256: string | null;
  bytes: number;
  /** Non-empty lines (one row each). */
  rows: number;
}

export interface FetchedDumps {
  /** A folder holding `<table>.ndjson` for the tables found: the local folder itself, or the download folder. */
  dir: string;
  files: FetchedDump[];
}

export interface FetchOptions {
  http: HttpClient;
  /** Where downloads go (an empty temporary folder the caller removes). */
  downloadDir: string;
  maxBytes?: number;
  /** Told after each file, in table order. */
  onFile?: (f: FetchedDump, index: number, total: number) => void;
  /** Told while a file downloads. */
  onBytes?: (table: DataTable, bytes: number) => void;
}

/** An http(s) base URL, or a local folder (a plain path or a file:// URL). */
export function isRemoteLocation(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

function localFolder(location: string): string {
  return path.resolve(/^file:\/\//i.test(location) ? fileURLToPath(location) : location);
}

/**
 * The published dumps of the seven tables (sc-data's `sc-audit/<table>.ndjson`), from a base URL (downloaded one by
 * one through the HTTP client: timeouts, retries, 429 waits, a size limit, written whole or not at all) or from a local
 * folder (read in place). A table that is not published there is reported as missing, as sc-audit skips it.
 */
export async function fetchPublishedDumps(location: string, opts: FetchOptions): Promise<FetchedDumps> {
  const remote = isRemoteLocation(location);
  const dir = remote ? opts.downloadDir : localFolder(location);
  if (!remote && !(fs.existsSync(dir) && fs.statSync(dir).isDirectory())) {
    throw new AppError('NOT_FOUND', `No dump folder at ${dir} (SC_DATA_URL or --from: a base URL or a folder)`);
  }
  const files: FetchedDump[] = [];
  for (const [i, table] of DATA_TABLES.entries()) {
    const file = path.join(dir, `${table}.ndjson`);
    const source = remote ? `${location.replace(/\/+$/, '')}/${table}.ndjson` : file;
    let got: { sha256: string; bytes: number } | null;
    if (remote) {
      got = await opts.http
        .download(source, file, { maxBytes: opts.maxBytes ?? MAX_DUMP_BYTES, onBytes: (b) => opts.onBytes?.(table, b) })
        .catch((err: unknown) => {
          if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
          throw err;
        });
    } else {
      got = fs.existsSync(file) ? hashFile(file) : null;
    }
    const f: FetchedDump = { table, source, sha256: got?.sha256 ?? null, bytes: got?.bytes ?? 0, rows: got ? countRows(file) : 0 };
    files.push(f);
    opts.onFile?.(f, i, DATA_TABLES.length);
  }
  if (files.every((f) => f.sha256 === null)) {
    throw new AppError('NOT_FOUND', `No published dumps (<table>.ndjson) at ${location}: is SC_DATA_URL right?`);
  }
  return { dir, files };
}

function hashFile(file: string): { sha256: string; bytes: number } {
  const bytes = fs.readFileSync(file);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

function countRows(file: string): number {
  let n = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) if (line.trim() !== '') n++;
  return n;
}
