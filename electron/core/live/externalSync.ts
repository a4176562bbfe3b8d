import os from 'node:os';
import type { ExternalOperation } from '../../../shared/events.js';
import { lastOperationEventSeq, operationEventsSince, type OperationEventSeen } from '../audit/operationLog.js';
import { DATA_TABLES } from '../db/dataTables.js';
import type { Engine } from '../engine.js';

/**
 * Announces the operations other processes run on this database — a catch-up from the CLI, a second app, another
 * `serve` — as 'sync.external' events, when they start and when they finish; a finish that changed tables is
 * followed by 'data.changed', so open views refresh. It reads the operation log (every writer records its start
 * and finish there, with its pid and host) a little after the newest event it has seen, on a timer: SQLite has no
 * cross-process notification, and one indexed read a second costs nothing.
 */
export interface ExternalWatcher {
  /** Reads once now (tests; the timer does it otherwise). */
  poll(): void;
  stop(): void;
}

/** Kinds worth a banner: they load or replace data. Others (marks, settings, exports) only refresh views. */
export const ANNOUNCED_KINDS: readonly string[] = ['catch-up', 'load', 'bootstrap', 'restore', 'backup-apply'];

export function watchExternalOperations(engine: Engine, opts: { intervalMs?: number } = {}): ExternalWatcher {
  const db = () => engine.reader();
  let seen = lastOperationEventSeq(db());
  const ours = (e: OperationEventSeen) => e.pid === process.pid && e.host === os.hostname();
  const poll = () => {
    // A backup applied meanwhile replaced the file: its log may be shorter; follow it from its newest event.
    seen = Math.min(seen, lastOperationEventSeq(db()));
    for (;;) {
      const events = operationEventsSince(db(), seen);
      for (const e of events) {
        seen = e.seq;
        if (ours(e)) continue;
        const announced = toAnnouncement(e);
        if (ANNOUNCED_KINDS.includes(announced.kind)) engine.events.emit('sync.external', announced);
        if (announced.tables && announced.tables.length > 0) engine.events.emit('data.changed', { tables: announced.tables });
      }
      if (events.length < 500) return;
    }
  };
  const timer = setInterval(() => {
    try {
      poll();
    } catch {
      // The database may be swapped (backup.apply) or closed at shutdown: the next tick reads again.
    }
  }, opts.intervalMs ?? 1000);
  timer.unref();
  return { poll, stop: () => clearInterval(timer) };
}

function toAnnouncement(e: OperationEventSeen): ExternalOperation {
  const base = {
    operationId: e.operation_id,
    kind: e.kind ?? 'operation',
    actor: e.actor ?? 'unknown',
    via: e.via,
    host: e.host ?? 'unknown host',
    pid: e.pid,
    at: e.at,
  };
  if (e.event === 'start') return { ...base, state: 'running' };
  return { ...base, state: 'finished', status: e.status ?? 'ok', error: e.error, tables: changedTables(e.result) };
}

/** The tables a finish event's result names under `changes`; every data table when the result cannot be read. */
function changedTables(result: string | null): string[] {
  if (result === null) return [];
  try {
    const changes = (JSON.parse(result) as { changes?: Record<string, unknown> }).changes;
    return changes ? Object.keys(changes) : [];
  } catch {
    return [...DATA_TABLES];
  }
}
