import os from 'node:os';
import type { ReadDb, WriteDb } from '../db/types.js';
import { entryHash, GENESIS_HASH } from './chain.js';
import { interruptedMessage, isOperationProcessAlive } from './processLiveness.js';

/**
 * The operation log: the append-only start and finish events of every operation, on the audit hash chain.
 * Rows are never updated: a killed process leaves a start without a finish, which the next operation on the same
 * host closes as failed (see reapInterruptedOperations). The runner (operationRunner.ts) writes through this.
 */
export const OPERATION_KINDS = [
  'catch-up',
  'load',
  'restore',
  'bootstrap',
  'provenance',
  'dump',
  'export',
  'verify',
  'report',
  'reproduce',
  'schema-change',
  'settings-change',
  'sign',
  'review-mark',
  'proof',
] as const;
export type KnownOperationKind = (typeof OPERATION_KINDS)[number];
export type OperationKind = KnownOperationKind | (string & {});
export type OperationStatus = 'ok' | 'failed' | 'cancelled';

export function resolveActor(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return explicit;
  if (env.SC_ACTOR) return env.SC_ACTOR;
  try {
    return os.userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? 'unknown';
  }
}

/** JSON text of a value, BigInt as decimal string, undefined as null. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

export function nowIso(): string {
  return new Date().toISOString();
}

const EVENT_COLUMNS = [
  'seq',
  'event',
  'operation_id',
  'at',
  'kind',
  'actor',
  'host',
  'pid',
  'via',
  'app_version',
  'schema_version',
  'params',
  'note',
  'source_urls',
  'command',
  'status',
  'duration_ms',
  'result',
  'error',
  'latest_ledger',
] as const;
type EventColumn = (typeof EVENT_COLUMNS)[number];
export type OperationEventRow = Record<EventColumn, string | number | null>;

/** The fields of an operation event that its hash covers (all columns but hash, plus the entry type). */
export function operationEventFields(row: Record<string, unknown>): Record<string, string | number | bigint | null> {
  const fields: Record<string, string | number | bigint | null> = { entry: 'operation' };
  for (const c of EVENT_COLUMNS) fields[c] = (row[c] ?? null) as string | number | bigint | null;
  return fields;
}

/** Appends one operation event to the chain, in an IMMEDIATE transaction so two writers never share a seq. */
export function appendOperationEvent(db: WriteDb, values: Partial<OperationEventRow>): void {
  db.transaction(() => {
    const head = db.prepare('SELECT seq, hash FROM audit_head').get() as { seq: number; hash: string } | undefined;
    const row = {} as OperationEventRow;
    for (const c of EVENT_COLUMNS) row[c] = values[c] ?? null;
    row.seq = (head?.seq ?? 0) + 1;
    const hash = entryHash(head?.hash ?? GENESIS_HASH, operationEventFields(row));
    db.prepare(
      `INSERT INTO audit_operation_events (${EVENT_COLUMNS.join(', ')}, hash) VALUES (${EVENT_COLUMNS.map((c) => '@' + c).join(', ')}, @hash)`,
    ).run({ ...row, hash });
  }).immediate();
}

/**
 * Closes, as failed, the operations of this host whose process is gone (killed, crashed, power cut),
 * so they do not stay 'running' forever. Returns the ids closed.
 */
export function reapInterruptedOperations(db: WriteDb): string[] {
  const open = db
    .prepare(`SELECT id, host, pid, started_at FROM audit_operations WHERE status = 'running' AND host = ?`)
    .all(os.hostname()) as { id: string; host: string; pid: number | null; started_at: string }[];
  const reaped: string[] = [];
  for (const op of open) {
    if (isOperationProcessAlive(op)) continue;
    const at = nowIso();
    appendOperationEvent(db, {
      event: 'finish',
      operation_id: op.id,
      at,
      status: 'failed',
      duration_ms: Math.max(0, Date.parse(at) - Date.parse(op.started_at)),
      error: interruptedMessage(op),
    });
    reaped.push(op.id);
  }
  return reaped;
}

/** How many rows of each table the operation inserted, updated or deleted (from the change log). */
export function changeCounts(db: WriteDb, id: string): Record<string, Record<string, number>> {
  const rows = db
    .prepare('SELECT table_name, kind, count(*) AS n FROM audit_changes WHERE operation_id = ? GROUP BY table_name, kind')
    .all(id) as { table_name: string; kind: string; n: number }[];
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[r.table_name] ??= {})[r.kind] = r.n;
  return out;
}

/** An operation event as another process's watcher sees it (see live/externalSync.ts). */
export interface OperationEventSeen {
  seq: number;
  event: 'start' | 'finish';
  operation_id: string;
  at: string;
  /** Start events: what, by whom, from where; finish events: the outcome and the result (JSON text). */
  kind: string | null;
  actor: string | null;
  via: string | null;
  host: string | null;
  pid: number | null;
  status: string | null;
  result: string | null;
  error: string | null;
}

/** The newest event's seq (0: none). */
export function lastOperationEventSeq(db: ReadDb | WriteDb): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) FROM audit_operation_events').pluck().get() as number) ?? 0;
}

/** The events after `seq`, oldest first, with each finish event's start fields (who, which process). */
export function operationEventsSince(db: ReadDb | WriteDb, seq: number, limit = 500): OperationEventSeen[] {
  return db
    .prepare(
      `SELECT e.seq, e.event, e.operation_id, e.at, s.kind, s.actor, s.via, s.host, s.pid, e.status, e.result, e.error
       FROM audit_operation_events e
       LEFT JOIN audit_operation_events s ON s.operation_id = e.operation_id AND s.event = 'start'
       WHERE e.seq > ? ORDER BY e.seq LIMIT ?`,
    )
    .all(seq, limit) as OperationEventSeen[];
}
