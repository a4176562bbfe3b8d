import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.js';
import { listRetirements } from '../views/retirements.js';
import { listSinkingTxs } from '../views/sinkingTxs.js';
import { viewInventory } from '../views/inventory.js';
import { appWrite, BLOCK, CERT, NOW, seededEngine, tempDbFile, TX1, TX2, TX_OLD_OPEN } from '../../testkit/auditTestDb.js';
import { listChanges, listOperations } from './queries.js';
import { clearMark, listMarks, setMark } from './reviewMarks.js';
import { runVerify, verifyDatabase } from './verify.js';
import { lastVerifyRun } from './verifyRuns.js';

const marksCheck = (engine: Engine) => verifyDatabase(engine.reader(), { now: NOW }).checks.find((c) => c.id === 'review-marks')!;

describe('review marks', () => {
  it('are audit-log entries that survive a restart; the views filter by them', async () => {
    const file = tempDbFile();
    const first = seededEngine(file);
    await setMark(first, { table: 'sinking_txs', key: TX1, status: 'reviewed', note: 'checked against the Verra certificate' }, { via: 'test', actor: 'alice' });
    await setMark(first, { table: 'retirements', key: String(CERT), status: 'questioned', note: 'beneficiary?' }, { via: 'test', actor: 'bob' });
    await setMark(first, { table: 'minted_blocks', key: BLOCK, status: 'reviewed' }, { via: 'test', actor: 'alice' });
    first.close();

    const engine = new Engine(file);
    const marks = listMarks(engine.reader());
    expect(marks.map((m) => [m.table, m.key, m.status, m.actor, m.note])).toEqual(
      expect.arrayContaining([
        ['sinking_txs', TX1, 'reviewed', 'alice', 'checked against the Verra certificate'],
        ['retirements', String(CERT), 'questioned', 'bob', 'beneficiary?'],
        ['minted_blocks', BLOCK, 'reviewed', 'alice', null],
      ]),
    );
    // Each mark is a recorded operation with its change on the hash chain, attributed to its actor.
    const ops = listOperations(engine.reader(), { kind: 'review-mark', limit: 10 }).rows;
    expect(ops.map((o) => o.actor).sort()).toEqual(['alice', 'alice', 'bob']);
    const changes = listChanges(engine.reader(), { table: 'review_marks', limit: 10 }).rows;
    expect(changes.map((c) => c.key)).toContain(`sinking_txs/${TX1}`);
    expect(changes.every((c) => ops.some((o) => o.id === c.operationId) && /^[0-9a-f]{64}$/.test(c.hash))).toBe(true);

    const db = engine.reader();
    expect(listSinkingTxs(db, { reviewed: true }).rows.map((r) => r.hash)).toEqual([TX1]);
    expect(listSinkingTxs(db, { reviewed: false }).rows.map((r) => r.hash)).not.toContain(TX1);
    expect(listRetirements(db, { reviewed: true }).rows.map((r) => r.certificate_id)).toEqual([CERT]);
    expect(listRetirements(db, { reviewed: false }).rows).toEqual([]);
    expect(viewInventory(db, { reviewed: true }).rows.map((r) => r.serial_hash)).toEqual([BLOCK]);
    expect(viewInventory(db, { reviewed: false }).rows).toEqual([]);

    // The whole chain still verifies (the marks replay like data rows); the marks hold.
    const report = await runVerify(engine, { now: NOW, via: 'test' });
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.checks.find((c) => c.id === 'review-marks')).toMatchObject({ status: 'pass', count: 0 });
    expect(lastVerifyRun(engine.reader())?.operationId).toBe(report.operationId);

    expect(await clearMark(engine, { table: 'minted_blocks', key: BLOCK }, { via: 'test' })).toEqual({ cleared: true });
    expect(await clearMark(engine, { table: 'minted_blocks', key: BLOCK }, { via: 'test' })).toEqual({ cleared: false });
    expect(listMarks(engine.reader(), { table: 'minted_blocks' })).toEqual([]);
    engine.close();
  });

  it('refuses to mark a row that does not exist, naming it', async () => {
    const engine = seededEngine();
    await expect(setMark(engine, { table: 'sinking_txs', key: 'f'.repeat(64), status: 'reviewed' }, { via: 'test' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining(`No sale ${'f'.repeat(64)}`) as unknown,
    });
    engine.close();
  });

  it('a marked row changed by a later operation is named with the mark and the change', async () => {
    const engine = seededEngine();
    await setMark(engine, { table: 'sinking_txs', key: TX2, status: 'reviewed', note: 'ok' }, { via: 'test', actor: 'alice' });
    await setMark(engine, { table: 'sinking_txs', key: TX_OLD_OPEN, status: 'reviewed' }, { via: 'test', actor: 'alice' });
    appWrite(engine.writer(), 'UPDATE sinking_txs SET memo_value = ? WHERE hash = ?', 'edited', TX2);
    const c = marksCheck(engine);
    expect(c).toMatchObject({ status: 'findings', count: 1, headline: '1 marked row changed after the mark' });
    expect(c.offenders[0]).toMatchObject({ table: 'sinking_txs', key: TX2 });
    expect(c.offenders[0]!.message).toMatch(new RegExp(`^sale ${TX2} marked reviewed by alice at \\S+ \\("ok"\\) changed after the mark: seq \\d+ update by load [0-9a-f-]{36} \\(memo_value\\)$`));
    engine.close();
  });

  it('a marked row changed behind the app’s back (no trigger, no logged change) is named with its fields', async () => {
    const file = tempDbFile();
    const engine = seededEngine(file);
    await setMark(engine, { table: 'sinking_txs', key: TX1, status: 'reviewed', note: 'matches Horizon' }, { via: 'test', actor: 'alice' });
    engine.close();

    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_sinking_txs_update');
    raw.prepare('UPDATE sinking_txs SET carbon_amount = 9999 WHERE hash = ?').run(TX1);
    raw.close();

    const again = new Engine(file);
    const c = marksCheck(again);
    expect(c.count).toBe(1);
    expect(c.offenders[0]!.message).toBe(
      `sale ${TX1} marked reviewed by alice at ${listMarks(again.reader())[0]!.markedAt} ("matches Horizon") differs from its state at the mark with no logged change (changed behind the app's back): carbon_amount`,
    );
    again.close();
  });
});
