import path from 'node:path';
import type { VerifyVerdict } from '../../../shared/api/audit.js';
import { verifyAfter, type AutoVerifyOptions } from '../audit/autoVerify.js';
import type { Engine } from '../engine.js';
import type { Job } from '../jobs/registry.js';
import { withSyncLock } from '../jobs/syncLock.js';
import { type RestoreResult, restoreDatabase } from './restore.js';

export interface RestoreOutcome {
  tables: RestoreResult[];
  /** Rows inserted per table (0 for tables left alone). */
  counts: { table: string; inserted: number }[];
  /** The verify run after it (audit/autoVerify.ts); null when skipped or it could not finish. */
  verify: VerifyVerdict | null;
}

/**
 * Imports a dump folder (sc-data or `backup dump` output) as one recorded operation, under the sync lock so it
 * never interleaves with a catch-up or a backup swap. All or nothing: a bad line writes nothing.
 */
export async function restoreDumpFolder(
  engine: Engine,
  dir: string,
  opts: { replace?: boolean; tables?: string[]; note?: string; job?: Job } & AutoVerifyOptions = {},
): Promise<RestoreOutcome> {
  const input = path.resolve(dir);
  const params = { dir: input, replace: opts.replace === true, tables: opts.tables ?? null };
  return withSyncLock(engine, { purpose: 'restore' }, async () => {
    opts.job?.progress({ step: 'restore', message: `reading ${input}` }, true);
    const outcome = engine.runOperationSync({ kind: 'restore', params, via: opts.via, note: opts.note }, (op) => {
      const tables = restoreDatabase(engine.writer(), input, { replace: opts.replace === true, tables: opts.tables });
      op.setResult({ tables });
      return { tables, counts: tables.map((t) => ({ table: t.table, inserted: t.action === 'restored' ? t.rows : 0 })) };
    });
    return { ...outcome, verify: await verifyAfter(engine, opts.job ?? null, 'restore', opts) };
  });
}
