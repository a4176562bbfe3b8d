import { describe, expect, it } from 'vitest';
import type { WriteDb } from '../db/types.js';
import { appWrite, CERT, openAuditedDb, seededDb, TX1 } from '../../testkit/auditTestDb.js';
import { runOperationSync } from './operationRunner.js';
import { chainHead, listChanges, listOperations, nextDay, percentile, recordHistory, untilBound, usageStats } from './queries.js';

function manyOps(db: WriteDb, n: number): void {
  for (let i = 0; i < n; i++) {
    runOperationSync(db, { kind: i % 2 ? 'verify' : 'export', actor: i % 3 ? 'alice' : 'bob', writes: false }, () => undefined);
  }
}

describe('operations view', () => {
  it('filters by kind, actor, status and date, newest first', () => {
    const db = openAuditedDb();
    manyOps(db, 6);
    expect(listOperations(db, { kind: 'verify' }).rows).toHaveLength(3);
    expect(listOperations(db, { actor: 'bob' }).rows.map((r) => r.actor)).toEqual(['bob', 'bob']);
    expect(listOperations(db, { status: 'ok' }).rows).toHaveLength(7);
    expect(listOperations(db, { status: 'failed' }).rows).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect(listOperations(db, { since: today, until: today }).rows).toHaveLength(7);
    expect(listOperations(db, { until: '2000-01-01' }).rows).toHaveLength(0);
    expect(listOperations(db, { since: nextDay(today) }).rows).toHaveLength(0);
    const seqs = listOperations(db, {}).rows.map((r) => r.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
  });

  it('pages with a keyset cursor', () => {
    const db = openAuditedDb();
    manyOps(db, 9);
    const p1 = listOperations(db, { limit: 4 });
    const p2 = listOperations(db, { limit: 4, before: p1.nextCursor! });
    const p3 = listOperations(db, { limit: 4, before: p2.nextCursor! });
    expect([p1.rows.length, p2.rows.length, p3.rows.length]).toEqual([4, 4, 2]);
    expect(p3.nextCursor).toBeNull();
    const ids = [...p1.rows, ...p2.rows, ...p3.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(10);
  });

  it('date bounds: a date includes its whole day, a datetime every time it prefixes', () => {
    expect(untilBound('2026-11-24')).toBe('2026-11-25');
    expect(untilBound('2026-11-24T10:00')).toBe('2026-11-24T10:00~');
    expect('2026-11-24T10:00:59.999Z' < untilBound('2026-11-24T10:00')).toBe(true);
  });
});

describe('changes and history', () => {
  it('filters changes by table, key and operation, and shows one record’s full history', () => {
    const db = seededDb();
    appWrite(db, `UPDATE sinking_txs SET memo_value = 'second' WHERE hash = ?`, TX1);
    appWrite(db, `UPDATE sinking_txs SET memo_value = 'third' WHERE hash = ?`, TX1);
    const all = listChanges(db, {}).rows;
    expect(all).toHaveLength(12);
    expect(listChanges(db, { table: 'sinking_txs' }).rows).toHaveLength(6);
    expect(listChanges(db, { table: 'sink_status', key: `${TX1}/${CERT}` }).rows).toHaveLength(1);
    const lastOp = listOperations(db, {}).rows[0]!;
    expect(listChanges(db, { operationId: lastOp.id }).rows.map((c) => c.kind)).toEqual(['update']);
    const today = new Date().toISOString().slice(0, 10);
    expect(listChanges(db, { since: today, until: today }).rows).toHaveLength(12);
    expect(() => listChanges(db, { table: 'audit_changes' })).toThrow(/Unknown table/);

    const h = recordHistory(db, 'sinking_txs', TX1);
    expect(h.map((c) => c.kind)).toEqual(['insert', 'update', 'update']);
    expect(JSON.parse(h[2]!.before!)).toMatchObject({ memo_value: 'second' });
    expect(JSON.parse(h[2]!.after!)).toMatchObject({ memo_value: 'third' });
    // TOIDs stay exact in the JSON text.
    expect(h[0]!.after).toContain('"toid":164821723627237383');
    expect(chainHead(db)!.seq).toBe(Math.max(...all.map((c) => c.seq), ...listOperations(db, {}).rows.map((r) => r.seq)) + 1);
  });

  it('pages changes', () => {
    const db = seededDb();
    const p1 = listChanges(db, { limit: 5 });
    const p2 = listChanges(db, { limit: 5, before: p1.nextCursor! });
    expect(p2.rows[0]!.seq).toBeLessThan(p1.rows[4]!.seq);
    expect(p1.rows.length + p2.rows.length).toBe(10);
  });
});

describe('usage statistics', () => {
  it('counts per day and kind, success rate and duration percentiles', () => {
    const db = openAuditedDb();
    manyOps(db, 4);
    try {
      runOperationSync(db, { kind: 'verify', writes: false }, () => {
        throw new Error('boom');
      });
    } catch {
      // recorded as failed
    }
    const u = usageStats(db);
    const today = new Date().toISOString().slice(0, 10);
    expect(u.perDay.find((d) => d.kind === 'verify')).toEqual({ day: today, kind: 'verify', count: 3, ok: 2, failed: 1, cancelled: 0, running: 0 });
    const verify = u.perKind.find((k) => k.kind === 'verify')!;
    expect(verify.count).toBe(3);
    expect(verify.successRate).toBeCloseTo(2 / 3);
    expect(verify.p50Ms).not.toBeNull();
    expect(u.total).toEqual({ count: 6, successRate: 5 / 6 });
  });

  it('nearest-rank percentiles', () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([percentile(v, 50), percentile(v, 90), percentile(v, 99), percentile([], 50)]).toEqual([5, 9, 10, null]);
  });
});
