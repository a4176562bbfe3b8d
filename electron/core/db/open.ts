import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { registerAuditFunctions } from '../audit/chain.js';
import { assertHealthy, corruptionMessage } from './check.js';
import { migrate, refuseNewer, schemaVersionOf } from './migrate.js';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index.js';
import type { ReadDb, WriteDb } from './types.js';

const BUSY_TIMEOUT_MS = 5000;

/**
 * Largest file quick_check runs on at every writable open: it took 26 s on the benchmark's 2.6 GB database
 * (1M sales, docs/performance.md), which the app's and `serve`'s start would wait for; ~256 MB stays near 2 s.
 */
export const OPEN_CHECK_MAX_BYTES = 256 * 1024 * 1024;

function fileBytes(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** The migrations one open applied: the version it found and the versions it brought the file through. */
export interface AppliedMigrations {
  from: number;
  applied: number[];
}

export interface OpenWriteOptions {
  /** False: leave the schema as found (a worker thread on a file its parent already migrated). */
  migrate?: boolean;
  /** Told what the open migrated, inside the open (a throw closes the file); the Engine records it in the audit log. */
  onMigrated?: (db: WriteDb, migrations: AppliedMigrations) => void;
}

/**
 * Opens the database for writing: WAL (readers keep working during a catch-up), synchronous=FULL (the audit
 * tables must survive a power cut), foreign keys on, then runs pending migrations.
 * Refuses a database written by a newer app version without touching it.
 */
export function openWriteDb(file: string, opts: OpenWriteOptions = {}): WriteDb {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw new AppError('DB_CORRUPT', `Cannot open the database ${file}: ${(err as Error).message}`);
  }
  try {
    // Checked before any pragma that writes (journal_mode), so a newer file is never modified.
    refuseNewer(schemaVersionOf(db), LATEST_SCHEMA_VERSION, file);
    // quick_check on open: a damaged file is reported (with what to do) before anything reads from it. It reads
    // every page, so a large file skips it here (SQLite still reports a damaged page when one is read, and
    // `backup check` runs it on demand).
    if (file !== ':memory:' && fileBytes(file) <= OPEN_CHECK_MAX_BYTES) assertHealthy(db, file);
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const w = db as WriteDb;
    // Before migrating: the audit triggers (migration 002) call these functions on every data write.
    registerAuditFunctions(w);
    if (opts.migrate !== false) {
      const from = schemaVersionOf(w);
      const applied = migrate(w, migrations, file);
      opts.onMigrated?.(w, { from, applied });
    }
    return w;
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    if (isCorruption(err)) {
      throw new AppError('DB_CORRUPT', corruptionMessage(file, [(err as Error).message]));
    }
    throw err;
  }
}

/**
 * Opens an existing database read-only for views and exports. The schema must be current:
 * open it once for writing (which migrates) before handing out read handles.
 */
export function openReadDb(file: string): ReadDb {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw new AppError('NOT_FOUND', `Cannot open the database ${file} for reading: ${(err as Error).message}`);
  }
  const version = schemaVersionOf(db);
  try {
    refuseNewer(version, LATEST_SCHEMA_VERSION, file);
  } catch (err) {
    db.close();
    throw err;
  }
  db.pragma('foreign_keys = ON');
  return db as unknown as ReadDb;
}

export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}
