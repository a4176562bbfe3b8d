import type { ProvenanceRow, ProvenanceSummary } from '../../../../shared/api/provenance.js';
import type { ReadDb } from '../../db/types.js';
import { DATA_TABLES } from '../../db/dataTables.js';
import type { ProvenanceStatus } from './verdict.js';

/** Operations whose rows were taken from a file rather than loaded from the sources by a catch-up step. */
export const TRUSTED_ENTRY_KINDS = ['bootstrap', 'restore'] as const;

export interface BootstrappedRow {
  table: string;
  key: string;
  /** The row as the change log holds it now (json_object of its columns). */
  state: string;
  /** The stored verdict and the state it was given for (null: never checked). */
  status: ProvenanceStatus | null;
  checkedState: string | null;
}

/**
 * The rows taken on a third party's word until the primary sources confirm them: those whose newest change came
 * from a bootstrap or a restore (the published data; a row a catch-up later changed is the catch-up's), and every
 * contract-call sale, however it entered (an indexer reported it).
 */
export function bootstrappedRows(db: ReadDb, table: string): BootstrappedRow[] {
  return db
    .prepare(
      `WITH latest AS (SELECT record_key, max(seq) AS seq FROM audit_changes WHERE table_name = ? GROUP BY record_key),
       entered AS (SELECT DISTINCT operation_id FROM audit_operation_events
                   WHERE event = 'start' AND kind IN (${TRUSTED_ENTRY_KINDS.map((k) => `'${k}'`).join(', ')}))
       SELECT c.record_key AS key, c.after_json AS state, p.status AS status, p.row_state AS checkedState
       FROM latest l JOIN audit_changes c ON c.seq = l.seq
       LEFT JOIN entered e ON e.operation_id = c.operation_id
       LEFT JOIN provenance_results p ON p.table_name = c.table_name AND p.record_key = c.record_key
       WHERE c.kind != 'delete'
         AND (e.operation_id IS NOT NULL OR (c.table_name = 'sinking_txs' AND json_extract(c.after_json, '$.contract_id') IS NOT NULL))
       ORDER BY c.seq`,
    )
    .all(table)
    .map((r) => ({ table, ...(r as Omit<BootstrappedRow, 'table'>) }));
}

/** "N of M bootstrapped rows confirmed, K unconfirmable": counts over the rows as they are now. */
export function provenanceSummary(db: ReadDb): ProvenanceSummary {
  const s: ProvenanceSummary = { bootstrapped: 0, confirmed: 0, differs: 0, unconfirmable: 0, unchecked: 0, lastCheckedAt: null };
  for (const table of DATA_TABLES) {
    for (const r of bootstrappedRows(db, table)) {
      s.bootstrapped++;
      if (r.status === null || r.checkedState !== r.state) s.unchecked++;
      else s[r.status]++;
    }
  }
  s.lastCheckedAt = (db.prepare('SELECT max(checked_at) FROM provenance_results').pluck().get() as string | null) ?? null;
  return s;
}

/** The verdicts on the rows as they are now, filtered by status and table, for the app's list and `view provenance`. */
export function provenanceRows(db: ReadDb, filter: { status?: ProvenanceStatus | 'unchecked'; table?: string }): ProvenanceRow[] {
  const rows: ProvenanceRow[] = [];
  const results = db.prepare('SELECT source, detail, checked_at FROM provenance_results WHERE table_name = ? AND record_key = ?');
  for (const table of filter.table ? [filter.table] : DATA_TABLES) {
    for (const r of bootstrappedRows(db, table)) {
      const status = r.status === null || r.checkedState !== r.state ? 'unchecked' : r.status;
      if (filter.status && filter.status !== status) continue;
      const res = status === 'unchecked' ? undefined : (results.get(table, r.key) as { source: string; detail: string | null; checked_at: string } | undefined);
      rows.push({ table, key: r.key, status, source: res?.source ?? null, detail: res?.detail ?? null, checkedAt: res?.checked_at ?? null });
    }
  }
  return rows;
}
