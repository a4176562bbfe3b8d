import type { WriteDb } from '../db/types.js';

export interface SyncStateRow {
  source: string;
  cursor: string | null;
  last_run_at: string | null;
  latest_ledger: number | null;
}

/**
 * Records where a source stands. Called inside the step's transaction, so the state never claims rows that
 * were rolled back.
 */
export function recordSyncState(db: WriteDb, source: string, cursor: string | null, now: Date, latestLedger: number | null): void {
  db.prepare(
    `INSERT INTO sync_state (source, cursor, last_run_at, latest_ledger) VALUES (?, ?, ?, ?)
     ON CONFLICT(source) DO UPDATE SET cursor = excluded.cursor, last_run_at = excluded.last_run_at,
       latest_ledger = coalesce(excluded.latest_ledger, sync_state.latest_ledger)`,
  ).run(source, cursor, now.toISOString().slice(0, 19), latestLedger);
}

export function readSyncState(db: Pick<WriteDb, 'prepare'>): SyncStateRow[] {
  return db.prepare('SELECT source, cursor, last_run_at, latest_ledger FROM sync_state ORDER BY source').all() as SyncStateRow[];
}
