import { z } from 'zod';
import type { VerifyVerdict } from './audit.js';
import { method } from '../contractKit.js';
import { clientJobId } from './jobs.js';

/** Whole-database backups (SQLite online backup) and the database health check. Paths are absolute. */

export interface BackupFile {
  file: string;
  bytes: number;
  sha256: string;
  operationId: string;
}

export interface ApplyReport {
  dryRun: boolean;
  candidate: string;
  sha256: string;
  /** integrity_check said ok (a damaged candidate is refused with DB_CORRUPT before this point). */
  integrity: 'ok';
  schemaVersion: number;
  rowCounts: { table: string; rows: number }[];
  /** Where the database in use was (or, on a dry run, would be) kept: '<name>.before-<timestamp>'. */
  keptAsideAs: string;
  /** null on a dry run. */
  operationId: string | null;
  /** The verify run on the database now in use (null: a dry run, skipped, or it could not finish). */
  verify?: VerifyVerdict | null;
}

export interface DbCheckResult {
  dbPath: string;
  mode: 'quick' | 'full';
  ok: boolean;
  /** SQLite's findings, at most 100; ['ok'] when healthy. */
  messages: string[];
  checkedAt: string;
}

export interface DumpRestoreResult {
  tables: { table: string; action: 'restored' | 'kept' | 'missing'; rows: number; deleted: number }[];
  counts: { table: string; inserted: number }[];
  /** The verify run after it (null: skipped with `verify: false`, or it could not finish). */
  verify: VerifyVerdict | null;
}

const absPath = z.string().min(1).max(4096);

export const backupMethods = {
  'backup.create': method<BackupFile>()(
    z.object({ path: absPath, note: z.string().max(1000).optional(), jobId: clientJobId.optional() }).strict(),
    { job: true },
  ),
  /** A job (progress: 'backup-apply', then 'verify' while the verify after it runs). */
  'backup.apply': method<ApplyReport>()(
    z
      .object({ path: absPath, dryRun: z.boolean().default(false), note: z.string().max(1000).optional(), verify: z.boolean().default(true), jobId: clientJobId.optional() })
      .strict(),
    { job: true },
  ),
  /** Imports a dump folder (sc-data NDJSON or `backup dump` output); all or nothing; recorded as a 'restore' operation. */
  'dump.restore': method<DumpRestoreResult>()(
    z
      .object({
        dir: absPath,
        replace: z.boolean().default(false),
        tables: z.array(z.string().regex(/^[a-z_]{1,40}$/)).max(20).optional(),
        note: z.string().max(1000).optional(),
        /** false: no verify after the restore. */
        verify: z.boolean().default(true),
        jobId: clientJobId.optional(),
      })
      .strict(),
    /** A job (progress: 'restore', then 'verify' while the verify after it runs). */
    { job: true },
  ),
  /** quick_check by default; full = integrity_check (slower, also checks index contents). */
  'db.check': method<DbCheckResult>()(z.object({ full: z.boolean().default(false) }).strict()),
};
