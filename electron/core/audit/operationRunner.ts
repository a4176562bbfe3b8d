import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { AppError } from '../../../shared/errors.js';
import { schemaVersionOf } from '../db/migrate.js';
import type { AppliedMigrations } from '../db/open.js';
import type { WriteDb } from '../db/types.js';
import type { EventHub } from '../eventHub.js';
import { APP_VERSION } from '../version.js';
import { currentOperationOf, setCurrentOperation } from './chain.js';
import { appendOperationEvent, changeCounts, nowIso, reapInterruptedOperations, resolveActor, toJsonText, type OperationKind, type OperationStatus } from './operationLog.js';
import { isOperationActive, markOperationActive, markOperationFinished } from './processLiveness.js';

/**
 * The operation runner. Every write path (catch-up, load, restore, export, verify, report, schema and settings
 * changes) runs inside runOperation, which appends a start event, attributes every data change made meanwhile
 * to the operation (the change triggers ask the connection for the current operation id) and appends a finish
 * event with the outcome. Production code goes through Engine.runOperation, which adds the Engine's defaults
 * and event hub; tests may run operations on a bare WriteDb.
 */

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

/** What an Engine adds to each of its operations unless the operation says otherwise (the CLI's --actor, --note, argv). */
export interface OperationDefaults {
  actor?: string;
  note?: string;
  via?: string;
  command?: string[] | null;
}

export function withDefaults<S extends OperationSpec>(spec: S, d: OperationDefaults): S {
  return {
    ...spec,
    actor: spec.actor ?? d.actor,
    note: spec.note ?? d.note,
    via: spec.via ?? d.via,
    command: spec.command !== undefined ? spec.command : d.command,
  };
}

export interface OutputFile {
  path: string;
  sha256: string;
  bytes: number;
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
  /** The tables the operation changed (from the change log), known once it finished. */
  changedTables: string[] = [];
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
    if (!isOperationActive(this.id)) return;
    try {
      if (this.writes && currentOperationOf(this.db) === this.id) setCurrentOperation(this.db, null);
      const result: Record<string, unknown> = { ...this.result };
      // A small plain return value is worth keeping when the operation reported nothing itself.
      if (Object.keys(result).length === 0 && value !== undefined && isPlainData(value)) {
        const text = toJsonText(value);
        if (text.length <= 4096) result.value = JSON.parse(text) as unknown;
      }
      const changes = changeCounts(this.db, this.id);
      this.changedTables = Object.keys(changes);
      if (this.changedTables.length > 0) result.changes = changes;
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
      markOperationFinished(this.id);
    }
  }
}

function isPlainData(v: unknown): boolean {
  if (v === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof v)) return true;
  if (Array.isArray(v)) return v.length <= 100;
  return typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

/** Appends the start event and returns the handle. Prefer runOperation / runOperationSync. */
export function beginOperation(db: WriteDb, spec: OperationSpec): OperationHandle {
  const writes = spec.writes ?? true;
  if (writes) {
    const running = currentOperationOf(db);
    if (running) {
      throw new AppError('SYNC_RUNNING', `Cannot start ${spec.kind}: operation ${running} is still writing to the database.`);
    }
  }
  reapInterruptedOperations(db);
  const id = randomUUID();
  const command = spec.command ?? null;
  appendOperationEvent(db, {
    event: 'start',
    operation_id: id,
    at: nowIso(),
    kind: spec.kind,
    actor: resolveActor(spec.actor),
    host: os.hostname(),
    pid: process.pid,
    via: spec.via ?? null,
    app_version: APP_VERSION,
    schema_version: schemaVersionOf(db),
    params: toJsonText(spec.params ?? {}),
    note: spec.note ?? null,
    source_urls: spec.sourceUrls ? toJsonText(spec.sourceUrls) : null,
    command: command ? toJsonText(command) : null,
  });
  markOperationActive(id);
  if (writes) setCurrentOperation(db, id);
  return new OperationHandle(id, spec.kind, db, writes, spec.sourceUrls);
}

/** Tells the UI which tables the operation changed (when there is a hub to tell). */
function emitChanged(events: EventHub | undefined, op: OperationHandle): void {
  if (events && op.changedTables.length > 0) events.emit('data.changed', { tables: op.changedTables });
}

/**
 * Runs fn as one recorded operation on db. The outcome is ok, cancelled (AppError CANCELLED, AbortError, or the
 * given signal aborted) or failed; the error is re-thrown after the finish event is written. With events, a
 * 'data.changed' event names the tables the operation changed.
 */
export async function runOperation<T>(
  db: WriteDb,
  spec: OperationSpec & { signal?: AbortSignal },
  fn: (op: OperationHandle) => T | Promise<T>,
  events?: EventHub,
): Promise<T> {
  const op = beginOperation(db, spec);
  let value: T;
  try {
    value = await fn(op);
  } catch (err) {
    op.finish(isCancellation(err, spec.signal) ? 'cancelled' : 'failed', err instanceof Error ? err.message : String(err));
    emitChanged(events, op);
    throw err;
  }
  op.finish('ok', null, value);
  emitChanged(events, op);
  return value;
}

/** The synchronous twin, for code that must not yield (e.g. inside migrations or a synchronous restore). */
export function runOperationSync<T>(db: WriteDb, spec: OperationSpec, fn: (op: OperationHandle) => T, events?: EventHub): T {
  const op = beginOperation(db, spec);
  let value: T;
  try {
    value = fn(op);
  } catch (err) {
    op.finish(isCancellation(err) ? 'cancelled' : 'failed', err instanceof Error ? err.message : String(err));
    emitChanged(events, op);
    throw err;
  }
  op.finish('ok', null, value);
  emitChanged(events, op);
  return value;
}

/** Records the migrations openWriteDb applied as a schema-change operation (nothing when none were applied). */
export function recordSchemaChange(db: WriteDb, { from, applied }: AppliedMigrations, defaults: OperationDefaults = {}): void {
  if (applied.length === 0) return;
  const spec = withDefaults({ kind: 'schema-change', params: { from, to: schemaVersionOf(db), applied }, command: null, writes: false }, defaults);
  runOperationSync(db, spec, () => undefined);
}
