/**
 * The cross-process catch-up lock. FOR THE SYNC ENGINEER: run every catch-up (and anything else that must not
 * overlap one, e.g. backup.apply) as
 *
 *     await withSyncLock(engine, { purpose: 'catch-up', actor }, async (lock) => { … });
 *
 * It throws AppError('SYNC_RUNNING', 'a catch-up is already running since <UTC>, started by <actor> (pid N on
 * host H)') while another live process holds it, takes over a stale lock (same host, process gone: killed,
 * crashed, power cut) and always releases in `finally`.
 *
 * Why a row in the database and not a lock file: the database file is the thing being protected, and the CLI,
 * `serve` and the desktop app may each have it open. The check-and-insert runs in one IMMEDIATE transaction,
 * so two processes can never both see "free".
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { AppError } from '../../../shared/errors.js';
import { resolveActor } from '../audit/operationLog.js';
import type { ReadDb, WriteDb } from '../db/types.js';
import type { Engine } from '../engine.js';

export const SYNC_LOCK = 'sync';

export interface LockHolder {
  /** What the holder is doing, for the refusal message: 'catch-up' (default), 'restore', 'backup apply'… */
  purpose?: string;
  /** Who; defaults as in the operation log (SC_ACTOR / OS user). */
  actor?: string;
}

export interface LockInfo {
  name: string;
  purpose: string;
  actor: string;
  host: string;
  pid: number;
  token: string;
  /** UTC ISO time. */
  acquiredAt: string;
}

export interface HeldLock extends LockInfo {
  /** The stale lock that was taken over to get this one, if any (worth recording in the operation log). */
  recovered: LockInfo | null;
}

interface LockRow {
  name: string;
  purpose: string;
  actor: string;
  host: string;
  pid: number;
  token: string;
  acquired_at: string;
}

/** Tokens of the locks this process holds: a row with our own pid is live only if we really hold it. */
const heldHere = new Set<string>();

/**
 * A lock written on another host cannot be checked (no pid to probe). It counts as held for this long, then as
 * abandoned — otherwise a crash, or a renamed host (macOS renames hosts with the network), would block forever.
 */
export const FOREIGN_LOCK_MAX_AGE_MS = 24 * 3600 * 1000;

/** Whether the process that wrote the lock row may still be running. */
export function isHolderAlive(lock: Pick<LockInfo, 'host' | 'pid' | 'token' | 'acquiredAt'>, now = Date.now()): boolean {
  if (lock.host !== os.hostname()) return now - Date.parse(lock.acquiredAt) < FOREIGN_LOCK_MAX_AGE_MS;
  if (lock.pid === process.pid) return heldHere.has(lock.token);
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (err) {
    // EPERM: the pid exists but belongs to another user; it is alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function toInfo(r: LockRow): LockInfo {
  return { name: r.name, purpose: r.purpose, actor: r.actor, host: r.host, pid: r.pid, token: r.token, acquiredAt: r.acquired_at };
}

/** '2026-11-24T22:58:43.123Z' → '2026-11-24 22:58:43 UTC'. */
function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function lockHeldMessage(l: LockInfo): string {
  return `a ${l.purpose} is already running since ${utcText(l.acquiredAt)}, started by ${l.actor} (pid ${l.pid} on host ${l.host})`;
}

/** The current holder of a lock, or null; `alive` false means the next acquire will take it over. */
export function readLock(db: ReadDb | WriteDb, name = SYNC_LOCK): (LockInfo & { alive: boolean }) | null {
  const r = db.prepare('SELECT * FROM app_locks WHERE name = ?').get(name) as LockRow | undefined;
  if (!r) return null;
  const info = toInfo(r);
  return { ...info, alive: isHolderAlive(info) };
}

export function acquireLock(db: WriteDb, holder: LockHolder = {}, name = SYNC_LOCK): HeldLock {
  const lock: LockInfo = {
    name,
    purpose: holder.purpose ?? 'catch-up',
    actor: resolveActor(holder.actor),
    host: os.hostname(),
    pid: process.pid,
    token: randomUUID(),
    acquiredAt: new Date().toISOString(),
  };
  const recovered = db
    .transaction((): LockInfo | null => {
      const existing = db.prepare('SELECT * FROM app_locks WHERE name = ?').get(name) as LockRow | undefined;
      let stale: LockInfo | null = null;
      if (existing) {
        const info = toInfo(existing);
        if (isHolderAlive(info)) throw new AppError('SYNC_RUNNING', lockHeldMessage(info));
        stale = info;
        db.prepare('DELETE FROM app_locks WHERE name = ? AND token = ?').run(name, info.token);
      }
      db.prepare(
        'INSERT INTO app_locks (name, purpose, actor, host, pid, token, acquired_at) VALUES (@name, @purpose, @actor, @host, @pid, @token, @acquiredAt)',
      ).run(lock);
      return stale;
    })
    .immediate();
  heldHere.add(lock.token);
  return { ...lock, recovered };
}

/** Releases only our own row (by token), so a lock taken over meanwhile is never deleted by the old holder. */
export function releaseLock(db: WriteDb, lock: Pick<LockInfo, 'name' | 'token'>): void {
  heldHere.delete(lock.token);
  db.prepare('DELETE FROM app_locks WHERE name = ? AND token = ?').run(lock.name, lock.token);
}

/** Runs fn while holding the catch-up lock; released in finally, whatever fn does. */
export async function withSyncLock<T>(engine: Engine, holder: LockHolder, fn: (lock: HeldLock) => T | Promise<T>): Promise<T> {
  const db = engine.writer();
  const lock = acquireLock(db, holder);
  try {
    return await fn(lock);
  } finally {
    // The engine may have reopened its handle meanwhile (backup.apply swaps the file): release on the current one.
    releaseLock(engine.writer(), lock);
  }
}
