import { describe, expect, it } from 'vitest';
import type { ChangeFilter } from '../../../shared/api/audit.js';
import { smallDb } from '../../testkit/smallDb.js';
import { undoPageBounds } from '../../testkit/pageBoundsUndo.js';
import { walkPages } from '../../testkit/walkPages.js';
import type { WriteDb } from '../db/types.js';
import { pageBounds } from '../db/migrations/009_page_bounds.js';
import { listChanges, sinceBound, untilBound } from './queries.js';

/**
 * The change log's time filters walk seq ranges bounded through idx_ac_time and the step-back table (migration
 * 009): page after page they must list exactly the changes of the filter, newest seq first, on a log whose clock
 * stepped back (a little, a lot, once far into the past), jumped ahead, and wrote several changes in one millisecond.
 */
/** Seconds from 2030-01-01: after the change the small database starts with. */
const at = (s: number) => new Date(BASE + s * 1000).toISOString();
const BASE = Date.UTC(2030, 0, 1);

function clockTimes(): string[] {
  const times: string[] = [];
  for (let i = 0; i < 400; i++) {
    let s = i * 10;
    if (i >= 100 && i < 140) s -= 150; // stepped back 150 s for a while
    if (i === 250) s = -10_000_000; // once far into the past
    if (i >= 300 && i < 305) s += 100_000; // ahead for a moment
    if (i >= 350 && i < 360) s = 3500; // ten changes in one millisecond
    times.push(at(s));
  }
  return times;
}

function writeLog(db: WriteDb, times: string[]): void {
  const insert = db.prepare(
    `INSERT INTO audit_changes (seq, operation_id, table_name, record_key, kind, before_json, after_json, changed_at, hash)
     VALUES (?, NULL, ?, ?, 'insert', NULL, '{}', ?, 'x')`,
  );
  times.forEach((t, i) => insert.run(10_000 + i, i % 3 ? 'sinking_txs' : 'retirements', String(i), t));
}

/** Step-backs recomputed plainly: a change dated earlier than some change before it. */
function expectedStepBacks(db: WriteDb): number[] {
  const rows = db.prepare('SELECT seq, changed_at FROM audit_changes ORDER BY seq').all() as { seq: number; changed_at: string }[];
  return rows.filter((r, i) => rows.slice(0, i).some((e) => e.changed_at > r.changed_at)).map((r) => r.seq);
}

const stepBacks = (db: WriteDb) => db.prepare('SELECT seq FROM audit_change_stepback ORDER BY seq').pluck().all() as number[];

function walk(db: WriteDb, f: Partial<ChangeFilter>): number[] {
  return walkPages((before: number | undefined) => listChanges(db, { ...f, limit: 9, ...(before !== undefined ? { before } : {}) })).map((r) => r.seq);
}

function expected(db: WriteDb, f: Partial<ChangeFilter>): number[] {
  const parts: [string, string][] = [];
  if (f.since) parts.push(['changed_at >= ?', sinceBound(f.since)]);
  if (f.until) parts.push(['changed_at < ?', untilBound(f.until)]);
  if (f.table) parts.push(['table_name = ?', f.table]);
  const conds = ['1', ...parts.map(([c]) => c)];
  const args = parts.map(([, a]) => a);
  return db.prepare(`SELECT seq FROM audit_changes WHERE ${conds.join(' AND ')} ORDER BY seq DESC`).pluck().all(...args) as number[];
}

describe('change-log pages bounded by time', () => {
  it('list the changes of the filter newest first when the clock stepped back', () => {
    const db = smallDb();
    const times = clockTimes();
    writeLog(db, times);
    expect(stepBacks(db)).toEqual(expectedStepBacks(db));
    expect(stepBacks(db).length).toBeGreaterThan(30);

    // Bounds at every time written, just before and after it, and whole days.
    const probes = [...new Set(times)]
      .filter((_, i) => i % 20 === 0 || (i > 95 && i < 145) || (i > 245 && i < 255) || (i > 295 && i < 310) || (i > 345 && i < 352))
      .flatMap((t) => [t.slice(0, 23), at((Date.parse(t) - BASE) / 1000 - 5).slice(0, 19)]);
    probes.push('2029-12-31', '2030-01-01', '2030-01-02', '2020-01-01', '2035-01-01');
    let nonEmpty = 0;
    for (const p of probes) {
      for (const f of [{ until: p }, { since: p }, { since: at(-2000).slice(0, 19), until: p }, { since: p, until: at(3300).slice(0, 19) }, { until: p, table: 'retirements' }]) {
        const want = expected(db, f);
        if (want.length > 0) nonEmpty++;
        expect(walk(db, f), JSON.stringify(f)).toEqual(want);
      }
    }
    expect(nonEmpty).toBeGreaterThan(probes.length * 3);
    db.close();
  });

  it('the migration lists the step-backs already in the log, as the trigger does after it', () => {
    const db = smallDb();
    writeLog(db, clockTimes().slice(0, 300));
    undoPageBounds(db);
    pageBounds.up(db);
    expect(stepBacks(db)).toEqual(expectedStepBacks(db));
    const more = db.prepare(`INSERT INTO audit_changes (seq, operation_id, table_name, record_key, kind, before_json, after_json, changed_at, hash)
      VALUES (?, NULL, 'sinking_txs', 'k', 'insert', NULL, '{}', ?, 'x')`);
    more.run(20_000, at(100)); // the clock is still behind the change dated ahead
    more.run(20_001, at(200_000)); // and now past it
    more.run(19_000, at(300_000)); // not appended at the end: listed, whatever its time
    expect(stepBacks(db).slice(-2)).toEqual([19_000, 20_000]);
    expect(walk(db, { until: at(150_000).slice(0, 19) })).toEqual(expected(db, { until: at(150_000).slice(0, 19) }));
    db.close();
  });
});
