import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { AppError } from '../../../shared/errors.js';
import { schemaVersionOf } from '../db/migrate.js';
import type { WriteDb } from '../db/types.js';
import type { Engine } from '../engine.js';
import { APP_VERSION } from '../version.js';
import { currentOperationOf, entryHash, GENESIS_HASH, setCurrentOperation } from './chain.js';

/**
 * The operation log. Every write path (catch-up, load, restore, export, verify, report, schema and settings
 * changes) runs inside runOperation, which appends a start event, attributes every data change made meanwhile
 * to the operation (the change triggers ask the connection for the current operation id) and appends a finish
 * event with the outcome. Rows are never updated: a killed process leaves a start without a finish, which the
 * next operation on the same host closes as failed (see reapInterruptedOperations).
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
] as const;
export type KnownOperationKind = (typeof OPERATION_KINDS)[number];
export type OperationKind = KnownOperationKind | (string & {});
export type OperationStatus = 'ok' | 'failed' | 'cancelled';

export interface OperationSpec {
  kind: OperationKind;
  /** The operation's parameters as given (JSON-safe after BigInt → string). */
  params?: unknown;
  /** Who: --actor / SC_ACTOR / the OS user. */
  actor?: string;
  note?: string;
  sourceUrls?: string[];
  /** 'cli' | 'ipc' | 'http' | 'test' … */
  via?: string;
  /** The CLI arguments that started it (for `reproduce`). */
  command?: string[] | null;
  /** Operations that write data tables claim the connection: only one at a time. Default true. */
  writes?: boolean;
}

export interface OutputFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** Process-wide defaults: the CLI sets --actor, --note and its argv once; every operation picks them up. */
export interface OperationDefaults {
  actor?: string;
  note?: string;
  via?: string;
  command?: string[] | null;
}
let defaults: OperationDefaults = {};

export function setOperationDefaults(d: OperationDefaults): void {
  defaults = { ...d };
}

export function resolveActor(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return explicit;
  if (env.SC_ACTOR) return env.SC_ACTOR;
  try {
    return os.userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? 'unknown';
  }
}

/** Operations of this process that have not finished yet (a live process's own ops are never reaped). */
const activeOperations = new Set<string>();

export function isOperationActiveHere(id: string): boolean {
  return activeOperations.has(id);
}

/** True when the process that started an operation may still be running it. Unknown hosts count as alive. */
export function isOperationProcessAlive(op: { id: string; host: string | null; pid: number | null }): boolean {
  if (activeOperations.has(op.id)) return true;
  if (op.host !== os.hostname() || op.pid == null) return op.host !== os.hostname();
  if (op.pid === process.pid) return false;
  try {
    process.kill(op.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function interruptedMessage(op: { host: string | null; pid: number | null }): string {
  return `interrupted: process ${op.pid ?? '?'} on ${op.host ?? '?'} ended without finishing the operation (killed or crashed)`;
}

/** JSON text of a value, BigInt as decimal string, undefined as null. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
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
function appendOperationEvent(db: WriteDb, values: Partial<OperationEventRow>): void {
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

export function nowIso(): string {
  return new Date().toISOString();
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

function changeCounts(db: WriteDb, id: string): Record<string, Record<string, number>> {
  const rows = db
    .prepare('SELECT table_name, kind, count(*) AS n FROM audit_changes WHERE operation_id = ? GROUP BY table_name, kind')
    .all(id) as { table_name: string; kind: string; n: number }[];
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[r.table_name] ??= {})[r.kind] = r.n;
  return out;
}

function isCancellation(err: unknown, signal?: AbortSignal): boolean {
  if (err instanceof AppError) return err.code === 'CANCELLED';
  if ((err as { name?: unknown })?.name === 'AbortError') return true;
  return signal?.aborted === true;
}

/** What the operation's code sees: its id, and where it reports results. */
export class OperationHandle {
  readonly result: Record<string, unknown> = {};
  latestLedger: number | null = null;
  sourceUrls: string[] | null;
  readonly startedMs = Date.now();

  constructor(
    readonly id: string,
    readonly kind: string,
    private readonly db: WriteDb,
    readonly writes: boolean,
    sourceUrls: string[] | undefined,
  ) {
    this.sourceUrls = sourceUrls ?? null;
  }

  /** Merges per-step counts or other facts into the recorded result. */
  setResult(values: Record<string, unknown>): void {
    Object.assign(this.result, values);
  }

  /** Horizon's Latest-Ledger header at the time of the sync: the "as of" point. */
  setLatestLedger(ledger: number | bigint | string | null): void {
    this.latestLedger = ledger == null ? null : Number(ledger);
  }

  /** Records an output file (an export) with its size and sha256. */
  recordOutputFile(file: string): OutputFile {
    const data = fs.readFileSync(file);
    const out = { path: file, sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length };
    const files = (this.result.outputFiles ??= []) as OutputFile[];
    files.push(out);
    return out;
  }

  /** Appends the finish event. Called once, by runOperation. */
  finish(status: OperationStatus, error: string | null, value?: unknown): void {
    if (!activeOperations.has(this.id)) return;
    try {
      if (this.writes && currentOperationOf(this.db) === this.id) setCurrentOperation(this.db, null);
      const result: Record<string, unknown> = { ...this.result };
      // A small plain return value is worth keeping when the operation reported nothing itself.
      if (Object.keys(result).length === 0 && value !== undefined && isPlainData(value)) {
        const text = toJsonText(value);
        if (text.length <= 4096) result.value = JSON.parse(text) as unknown;
      }
      const changes = changeCounts(this.db, this.id);
      if (Object.keys(changes).length > 0) result.changes = changes;
      appendOperationEvent(this.db, {
        event: 'finish',
        operation_id: this.id,
        at: nowIso(),
        status,
        duration_ms: Date.now() - this.startedMs,
        result: toJsonText(result),
        error,
        latest_ledger: this.latestLedger,
        // Source URLs may only be known once the sync chose them; the start event holds the initial ones.
      });
    } finally {
      activeOperations.delete(this.id);
    }
  }
}

function isPlainData(v: unknown): boolean {
  if (v === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof v)) return true;
  if (Array.isArray(v)) return v.length <= 100;
  return typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

function writerOf(target: Engine | WriteDb): WriteDb {
  return 'writer' in target && typeof target.writer === 'function' ? target.writer() : (target as WriteDb);
}

/** Appends the start event and returns the handle. Prefer runOperation / runOperationSync. */
export function beginOperation(target: Engine | WriteDb, spec: OperationSpec): OperationHandle {
  const db = writerOf(target);
  const writes = spec.writes ?? true;
  if (writes) {
    const running = currentOperationOf(db);
    if (running) {
      throw new AppError('SYNC_RUNNING', `Cannot start ${spec.kind}: operation ${running} is still writing to the database.`);
    }
  }
  reapInterruptedOperations(db);
  const id = randomUUID();
  const command = spec.command !== undefined ? spec.command : (defaults.command ?? null);
  appendOperationEvent(db, {
    event: 'start',
    operation_id: id,
    at: nowIso(),
    kind: spec.kind,
    actor: resolveActor(spec.actor ?? defaults.actor),
    host: os.hostname(),
    pid: process.pid,
    via: spec.via ?? defaults.via ?? null,
    app_version: APP_VERSION,
    schema_version: schemaVersionOf(db),
    params: toJsonText(spec.params ?? {}),
    note: spec.note ?? defaults.note ?? null,
    source_urls: spec.sourceUrls ? toJsonText(spec.sourceUrls) : null,
    command: command ? toJsonText(command) : null,
  });
  activeOperations.add(id);
  if (writes) setCurrentOperation(db, id);
  return new OperationHandle(id, spec.kind, db, writes, spec.sourceUrls);
}

function emitChanged(target: Engine | WriteDb, op: OperationHandle): void {
  if (!('events' in target)) return;
  const changes = op.result.changes as Record<string, unknown> | undefined;
  if (changes && Object.keys(changes).length > 0) target.events.emit('data.changed', { tables: Object.keys(changes) });
}

/**
 * Runs fn as one recorded operation. The outcome is ok, cancelled (AppError CANCELLED, AbortError, or the
 * given signal aborted) or failed; the error is re-thrown after the finish event is written.
 */
export async function runOperation<T>(
  target: Engine | WriteDb,
  spec: OperationSpec & { signal?: AbortSignal },
  fn: (op: OperationHandle) => T | Promise<T>,
): Promise<T> {
  const op = beginOperation(target, spec);
  let value: T;
  try {
    value = await fn(op);
  } catch (err) {
    op.finish(isCancellation(err, spec.signal) ? 'cancelled' : 'failed', err instanceof Error ? err.message : String(err));
    emitChanged(target, op);
    throw err;
  }
  op.finish('ok', null, value);
  emitChanged(target, op);
  return value;
}

/** The synchronous twin, for code that must not yield (e.g. inside migrations or a synchronous restore). */
export function runOperationSync<T>(target: Engine | WriteDb, spec: OperationSpec, fn: (op: OperationHandle) => T): T {
  const op = beginOperation(target, spec);
  let value: T;
  try {
    value = fn(op);
  } catch (err) {
    op.finish(isCancellation(err) ? 'cancelled' : 'failed', err instanceof Error ? err.message : String(err));
    emitChanged(target, op);
    throw err;
  }
  op.finish('ok', null, value);
  emitChanged(target, op);
  return value;
}

/** Records a schema migration (called by openWriteDb once the audit tables exist). */
export function recordSchemaChange(db: WriteDb, from: number, applied: number[]): void {
  if (applied.length === 0) return;
  runOperationSync(db, { kind: 'schema-change', params: { from, to: schemaVersionOf(db), applied }, command: null, writes: false }, () => undefined);
}
