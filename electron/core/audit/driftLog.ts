import type { DriftKind, DriftRow, DriftSource } from '../../../shared/api/drift.js';
import type { ReadDb, WriteDb } from '../db/types.js';
import { currentOperationOf, entryHash, GENESIS_HASH } from './chain.js';

/**
 * The registry drift log (migration 013, table registry_drift): append-only, hash-chained from the genesis,
 * each entry's hash = sha256(previous entry's hash + canonical JSON of its fields, "entry": "drift").
 * A catch-up hands in every difference it sees now; an entry is appended only when it differs from the latest
 * entry of the same (source, subject, field), so a lasting difference is recorded once.
 */

/** One difference between the registry now and the stored row (as first seen). */
export interface DriftObservation {
  source: DriftSource;
  subject: string;
  field: string;
  kind: Exclude<DriftKind, 'restored'>;
  firstValue: string | null;
  currentValue: string | null;
}

/** One entry of the log as stored (the Drift view's row without what it joins). */
export type DriftEntry = Omit<DriftRow, 'covered_sales'>;

/** The field name of a registry record that is no longer listed (kind 'removed'); its values are LISTED / null. */
export const RECORD_FIELD = 'record';
export const LISTED = 'listed';

export function driftEntryHash(prev: string, e: Omit<DriftEntry, 'hash'>): string {
  return entryHash(prev, {
    entry: 'drift',
    seq: e.seq,
    source: e.source,
    subject: e.subject,
    field: e.field,
    kind: e.kind,
    first_value: e.first_value,
    current_value: e.current_value,
    noticed_at: e.noticed_at,
    operation_id: e.operation_id,
  });
}

const key = (source: string, subject: string, field: string) => `${source}\u0000${subject}\u0000${field}`;

/** The latest entry of each (source, subject, field). */
export function latestDrift(db: ReadDb, source?: DriftSource): DriftEntry[] {
  const rows = db
    .prepare(
      `SELECT d.* FROM registry_drift d
       JOIN (SELECT max(seq) AS seq FROM registry_drift ${source ? 'WHERE source = ?' : ''} GROUP BY source, subject, field) l ON l.seq = d.seq
       ORDER BY d.seq`,
    )
    .all(...(source ? [source] : [])) as DriftEntry[];
  return rows;
}

/**
 * Appends what is new in `seen` (the differences of `source` now). `compared`: the subjects this run compared;
 * a field of one of them with an open entry and no difference now went back to its first value ('restored').
 * Inside the caller's transaction; returns the entries appended.
 */
export function recordDrift(db: WriteDb, source: DriftSource, seen: readonly DriftObservation[], compared: ReadonlySet<string>, noticedAt: string): DriftEntry[] {
  const latest = new Map(latestDrift(db, source).map((e) => [key(e.source, e.subject, e.field), e]));
  const toAppend: Omit<DriftEntry, 'seq' | 'hash' | 'noticed_at' | 'operation_id'>[] = [];
  const now = new Set<string>();
  for (const o of seen) {
    const k = key(o.source, o.subject, o.field);
    now.add(k);
    const last = latest.get(k);
    if (last && last.kind !== 'restored' && last.current_value === o.currentValue) continue;
    toAppend.push({ source: o.source, subject: o.subject, field: o.field, kind: o.kind, first_value: o.firstValue, current_value: o.currentValue });
  }
  for (const [k, last] of latest) {
    if (last.kind === 'restored' || now.has(k) || !compared.has(last.subject)) continue;
    toAppend.push({ source: last.source, subject: last.subject, field: last.field, kind: 'restored', first_value: last.first_value, current_value: last.first_value });
  }
  if (toAppend.length === 0) return [];
  const head = db.prepare('SELECT seq, hash FROM registry_drift ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  let prev = head?.hash ?? GENESIS_HASH;
  let seq = head?.seq ?? 0;
  const operationId = currentOperationOf(db);
  const insert = db.prepare(
    `INSERT INTO registry_drift (seq, source, subject, field, kind, first_value, current_value, noticed_at, operation_id, hash)
     VALUES (@seq, @source, @subject, @field, @kind, @first_value, @current_value, @noticed_at, @operation_id, @hash)`,
  );
  const appended: DriftEntry[] = [];
  for (const a of toAppend) {
    const e = { ...a, seq: ++seq, noticed_at: noticedAt, operation_id: operationId };
    const entry: DriftEntry = { ...e, hash: driftEntryHash(prev, e) };
    insert.run(entry);
    appended.push(entry);
    prev = entry.hash;
  }
  return appended;
}
