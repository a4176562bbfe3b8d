import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { ApplyReport } from '../../../shared/api/backup.js';
import { verifyAfter } from '../audit/autoVerify.js';
import { AppError } from '../../../shared/errors.js';
import { recordSchemaChange } from '../audit/operationRunner.js';
import { corruptionMessage, runCheck } from '../db/check.js';
import { refuseNewer, schemaVersionOf } from '../db/migrate.js';
import { DATA_TABLES, LATEST_SCHEMA_VERSION } from '../db/migrations/index.js';
import { openWriteDb } from '../db/open.js';
import type { Engine } from '../engine.js';
import { hashFile, removeQuietly, syncDir, tempPathFor } from '../files/atomicFile.js';
import type { Job } from '../jobs/registry.js';
import { type HeldLock, withSyncLock } from '../jobs/syncLock.js';

export interface ApplyOptions {
  dryRun?: boolean;
  via?: string;
  actor?: string;
  note?: string;
  /** For tests: the kept-aside suffix time. */
  now?: Date;
  /** false: no verify of the database now in use (default: the offline checks, audit/autoVerify.ts). */
  verify?: boolean;
  onWarning?: (message: string) => void;
  /** The job it runs in (the app's 'backup.apply'): its progress events, the verify's among them. */
  job?: Job;
}

/** '2026-11-24T22:58:43.123Z' → '20261124T225843Z': sortable and valid in file names on every OS. */
export function keptAsideName(dbPath: string, now: Date): string {
  return `${dbPath}.before-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

interface Inspection {
  schemaVersion: number;
  rowCounts: { table: string; rows: number }[];
}

/** Integrity, schema version and data tables of a candidate file; throws DB_CORRUPT / DB_NEWER_VERSION / BAD_INPUT. */
function inspect(candidate: Database.Database, file: string): Inspection {
  const { ok, messages } = runCheck(candidate, 'full');
  if (!ok) throw new AppError('DB_CORRUPT', `${corruptionMessage(file, messages).split('. Restore')[0]}. Nothing was changed.`);
  const schemaVersion = schemaVersionOf(candidate);
  refuseNewer(schemaVersion, LATEST_SCHEMA_VERSION, file);
  const tables = new Set((candidate.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const missing = DATA_TABLES.filter((t) => !tables.has(t));
  if (schemaVersion < 1 || missing.length > 0) {
    throw new AppError('BAD_INPUT', `${file} is not a database of this app (missing ${missing.join(', ') || 'schema version'}). Nothing was changed.`);
  }
  const rowCounts = DATA_TABLES.map((table) => ({
    table,
    // Table names come from the fixed list, never from input.
    rows: Number((candidate.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n),
  }));
  return { schemaVersion, rowCounts };
}

function openCandidate(file: string): Database.Database {
  if (!path.isAbsolute(file)) throw new AppError('BAD_INPUT', `backup apply: expected an absolute path, got ${JSON.stringify(file)}.`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new AppError('NOT_FOUND', `backup apply: no file ${file}.`);
  try {
    return new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new AppError('DB_CORRUPT', `backup apply: ${file} cannot be opened as a database (${(err as Error).message}). Nothing was changed.`);
  }
}

/**
 * Replaces the database in use with a backup. Order, each step for a reason:
 * 1. integrity_check, schema version and tables of the candidate (a damaged or foreign file is refused first);
 * 2. under the catch-up lock (no catch-up may write to the file being replaced);
 * 3. copy the candidate with the online backup API to a temp file next to the live one (same folder: the final
 *    rename is atomic; a backup API copy also folds in a -wal the candidate may have), migrate it, and carry our
 *    lock row over so the lock stays held across the swap;
 * 4. checkpoint and close the live handles, hard-link the live file to '<name>.before-<timestamp>' (the previous
 *    database is kept, never deleted), then rename the temp file over the live name — at every instant the live
 *    name is either the old or the new database;
 * 5. record 'backup-apply' in the new database's operation log (its chain continues from the backup's).
 */
export async function applyBackup(engine: Engine, file: string, opts: ApplyOptions = {}): Promise<ApplyReport> {
  const live = engine.dbPath;
  if (live === ':memory:') throw new AppError('BAD_INPUT', 'backup apply: the database in use is in memory; there is no file to replace.');
  const candidatePath = path.resolve(file);
  if (candidatePath === path.resolve(live)) throw new AppError('BAD_INPUT', `backup apply: ${candidatePath} is the database in use.`);
  const keptAsideAs = keptAsideName(live, opts.now ?? new Date());
  const candidate = openCandidate(candidatePath);
  let info: Inspection;
  try {
    info = inspect(candidate, candidatePath);
  } catch (err) {
    candidate.close();
    throw err;
  }
  const { sha256 } = await hashFile(candidatePath);
  const report = { candidate: candidatePath, sha256, integrity: 'ok' as const, ...info, keptAsideAs };
  if (opts.dryRun) {
    candidate.close();
    return { dryRun: true, ...report, operationId: null };
  }

  const tmp = tempPathFor(live, 'incoming');
  try {
    return await withSyncLock(engine, { purpose: 'backup apply', actor: opts.actor }, async (lock) => {
      opts.job?.progress({ step: 'backup-apply', message: `copying ${candidatePath}` }, true);
      await candidate.backup(tmp);
      candidate.close();
      prepareIncoming(tmp, lock, engine);

      const writer = engine.writer();
      writer.pragma('wal_checkpoint(TRUNCATE)');
      engine.close();
      try {
        fs.linkSync(live, keptAsideAs);
      } catch {
        // No hard links on this file system (e.g. FAT): a copy keeps the previous database just the same.
        fs.copyFileSync(live, keptAsideAs, fs.constants.COPYFILE_EXCL);
      }
      // The old file's WAL was checkpointed into it; a leftover -wal/-shm must not be paired with the new file.
      for (const ext of ['-wal', '-shm']) removeQuietly(live + ext);
      fs.renameSync(tmp, live);
      syncDir(path.dirname(live));

      const operationId = await engine.runOperation(
        { kind: 'backup-apply', params: { candidate: candidatePath, sha256, keptAsideAs }, via: opts.via, actor: opts.actor, note: opts.note, writes: false },
        (op) => {
          op.setResult({ schemaVersion: info.schemaVersion, rowCounts: info.rowCounts });
          return op.id;
        },
      );
      engine.events.emit('data.changed', { tables: [...DATA_TABLES] });
      return { dryRun: false, ...report, operationId, verify: await verifyAfter(engine, opts.job ?? null, 'backup apply', opts) };
    });
  } finally {
    if (candidate.open) candidate.close();
    removeQuietly(tmp);
    for (const ext of ['-wal', '-shm']) removeQuietly(tmp + ext);
  }
}

/** Migrates the incoming copy to this app's schema and puts our lock row in it (replacing any it carried). */
function prepareIncoming(tmp: string, lock: HeldLock, engine: Engine): void {
  // The incoming copy's own audit log records the migration, as if this engine had opened it.
  const db = openWriteDb(tmp, { onMigrated: (w, applied) => recordSchemaChange(w, applied, engine.operationDefaults) });
  try {
    db.prepare('DELETE FROM app_locks').run();
    db.prepare(
      'INSERT INTO app_locks (name, purpose, actor, host, pid, token, acquired_at) VALUES (@name, @purpose, @actor, @host, @pid, @token, @acquiredAt)',
    ).run({ name: lock.name, purpose: lock.purpose, actor: lock.actor, host: lock.host, pid: lock.pid, token: lock.token, acquiredAt: lock.acquiredAt });
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
