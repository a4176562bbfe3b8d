import Database from 'better-sqlite3';
import type { BackupFile } from '../../../shared/api/backup.js';
import { AppError } from '../../../shared/errors.js';
import { runCheck } from '../db/check.js';
import type { Engine } from '../engine.js';
import { checkTarget, commitTemp, hashFile, refuseDatabaseFile, removeQuietly, tempPathFor } from '../files/atomicFile.js';
import { removeStalePartials } from '../files/stalePartials.js';
import type { Job } from '../jobs/registry.js';

export interface BackupContext {
  via?: string;
  actor?: string;
  note?: string;
  job?: Job;
}

/**
 * A consistent copy of the live database with SQLite's online backup API (readers and a running catch-up keep
 * working), checked with integrity_check before it gets its final name.
 *
 * The operation is recorded AFTER the copy is made, so the backup does not contain a half-open 'backup'
 * operation that would later show up as interrupted; a failure is recorded as failed all the same.
 */
export async function createBackup(engine: Engine, target: string, ctx: BackupContext = {}): Promise<BackupFile> {
  const file = checkTarget(target, 'backup');
  refuseDatabaseFile(file, engine.dbPath, 'backup');
  removeStalePartials(file);
  let outcome: { ok: true; value: { sha256: string; bytes: number } } | { ok: false; error: unknown };
  const tmp = tempPathFor(file);
  try {
    await engine.writer().backup(tmp, {
      progress: ({ totalPages, remainingPages }) => {
        ctx.job?.progress({ step: 'copy', done: totalPages - remainingPages, total: totalPages });
        ctx.job?.throwIfCancelled();
        return 512;
      },
    });
    ctx.job?.progress({ step: 'check', done: 0, total: null }, true);
    // The copy inherits WAL mode from the live file; a backup is one self-contained file, so switch it back.
    const check = new Database(tmp, { fileMustExist: true });
    const { ok, messages } = (() => {
      try {
        check.pragma('journal_mode = DELETE');
        return runCheck(check, 'full');
      } finally {
        check.close();
      }
    })();
    if (!ok) throw new AppError('DB_CORRUPT', `backup: the copy failed its integrity check (${messages.slice(0, 3).join('; ')}); the live database may be damaged.`);
    commitTemp(tmp, file);
    outcome = { ok: true, value: await hashFile(file) };
  } catch (error) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) removeQuietly(f);
    outcome = { ok: false, error };
  }
  return engine.runOperation({ kind: 'backup', params: { file }, via: ctx.via, actor: ctx.actor, note: ctx.note, writes: false }, (op) => {
    if (!outcome.ok) throw outcome.error;
    op.setResult({ outputFiles: [{ path: file, ...outcome.value }] });
    return { file, ...outcome.value, operationId: op.id };
  });
}
