import type { ExportRequest } from '../../../shared/api/export.js';
import { type OperationHandle } from '../audit/operationRunner.js';
import { openReadDb } from '../db/open.js';
import type { ReadDb } from '../db/types.js';
import type { Engine } from '../engine.js';
import type { Job } from '../jobs/registry.js';
import { type ByteSink, type ExportOutcome, writeExport } from './writeExport.js';

export interface ExportCallContext {
  via?: string;
  actor?: string;
  note?: string;
  /** The caller's signal (HTTP request closed): cancels the export. */
  signal?: AbortSignal;
  jobId?: string;
}

/**
 * A read connection of the export's own: writeRows reads the row count and every row inside one read transaction
 * of its own on it (one snapshot, even if a catch-up commits meanwhile; splitExport.ts needs to take it itself),
 * and the engine's shared reader stays free for the UI. An in-memory database has only the one connection.
 */
function openSnapshot(engine: Engine): { db: ReadDb; close(): void } {
  if (engine.dbPath === ':memory:') return { db: engine.reader(), close: () => undefined };
  const db = openReadDb(engine.dbPath);
  return {
    db,
    close: () => {
      if (db.inTransaction) db.prepare('COMMIT').run();
      db.close();
    },
  };
}

/**
 * Runs an export as a job (progress, cancel) and a recorded 'export' operation whose result holds the row count,
 * bytes and sha256. `destination` names where it went, for the log; `open` supplies the sink and `commit`/`abort`
 * finish it (rename into place, or delete the temp file).
 */
export async function runExport<T>(
  engine: Engine,
  req: ExportRequest,
  ctx: ExportCallContext,
  destination: Record<string, unknown>,
  target: {
    open(): Promise<ByteSink>;
    commit(outcome: ExportOutcome, op: OperationHandle): Promise<T>;
    abort(err: unknown): Promise<void>;
  },
): Promise<T> {
  return engine.jobs.run('export', { jobId: ctx.jobId, via: ctx.via, startedBy: ctx.actor, signal: ctx.signal }, (job: Job) =>
    engine.runOperation(
      {
        kind: 'export',
        params: { view: req.view, filters: req.filters, format: req.format, ...destination },
        via: ctx.via,
        actor: ctx.actor,
        note: ctx.note,
        writes: false,
        signal: job.signal,
      },
      async (op) => {
        const snap = openSnapshot(engine);
        try {
          const sink = await target.open();
          const outcome = await writeExport(snap.db, req, sink, {
            signal: job.signal,
            onProgress: (rows, total) => job.progress({ step: req.view, done: rows, total }),
          });
          job.progress({ step: req.view, done: outcome.rows, total: outcome.rows }, true);
          const value = await target.commit(outcome, op);
          op.setResult({ rows: outcome.rows, bytes: outcome.bytes, sha256: outcome.sha256 });
          return value;
        } catch (err) {
          await target.abort(err);
          throw err;
        } finally {
          snap.close();
        }
      },
    ),
  );
}
