import type Database from 'better-sqlite3';
import { DATA_TABLES, type DataTable } from '../../core/db/migrations/index.js';

/**
 * The audit data of a database as plain text, table by table, rows in a fixed order: two databases hold the same
 * records exactly when their snapshots are equal. Integers are read as BigInt (TOIDs exceed 2^53) and written
 * as decimal strings, so nothing is rounded on the way. Operation-log and sync-time columns are left out:
 * they differ between runs by design.
 */
export type DataSnapshot = Record<DataTable, string[]>;

type AnyDb = Pick<Database.Database, 'prepare'>;

export function dataSnapshot(db: AnyDb): DataSnapshot {
  const out = {} as DataSnapshot;
  for (const table of DATA_TABLES) {
    const rows = db.prepare(`SELECT * FROM ${table}`).safeIntegers(true).all() as Record<string, unknown>[];
    out[table] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort();
  }
  return out;
}

/** Where each Horizon/Verra source would resume (the cursors, not the times). */
export function cursorSnapshot(db: AnyDb): Record<string, string | null> {
  const rows = db.prepare('SELECT source, cursor FROM sync_state ORDER BY source').all() as { source: string; cursor: string | null }[];
  return Object.fromEntries(rows.map((r) => [r.source, r.cursor]));
}

export function rowCounts(s: DataSnapshot): Record<DataTable, number> {
  return Object.fromEntries(DATA_TABLES.map((t) => [t, s[t].length])) as Record<DataTable, number>;
}

/**
 * Rows lost (in the reference but not in `actual`) and rows duplicated or foreign (in `actual` beyond the
 * reference), summed over the tables. Both must be 0 for "the database equals the fault-free result".
 */
export function compareSnapshots(reference: DataSnapshot, actual: DataSnapshot): { lost: number; extra: number } {
  let lost = 0;
  let extra = 0;
  for (const table of DATA_TABLES) {
    const want = new Map<string, number>();
    for (const r of reference[table]) want.set(r, (want.get(r) ?? 0) + 1);
    for (const r of actual[table]) {
      const n = want.get(r) ?? 0;
      if (n > 0) want.set(r, n - 1);
      else extra++;
    }
    for (const n of want.values()) lost += n;
  }
  return { lost, extra };
}

/**
 * "No partial step": after a catch-up from an empty database stops, each data table (each is written by exactly
 * one step, in one transaction) is either still empty or holds exactly its fault-free rows. Returns the tables
 * that break this.
 */
export function partialTables(reference: DataSnapshot, actual: DataSnapshot): DataTable[] {
  return DATA_TABLES.filter((t) => actual[t].length !== 0 && JSON.stringify(actual[t]) !== JSON.stringify(reference[t]));
}
