import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../shared/api/audit.js';
import { sha256Hex } from '../domain/hash.js';
import { openWriteDb } from '../db/open.js';
import type { ReadDb } from '../db/types.js';
import { Engine } from '../engine.js';
import { appWrite, BLOCK, CERT, insertSale, NOW, seededDb, seededEngine, tempDbFile, TX1, TX2, TX_OLD_OPEN, TX_RECENT } from '../../testkit/auditTestDb.js';
import { entryHash } from './chain.js';
import { runOperationSync } from './operationRunner.js';
import { listOperations } from './queries.js';
import { runVerify, verifyDatabase } from './verify.js';

function checks(db: ReadDb, graceDays = 90): Record<string, CheckResult> {
  return Object.fromEntries(verifyDatabase(db, { graceDays, now: NOW }).checks.map((c) => [c.id, c]));
}

function failing(db: ReadDb): string[] {
  return verifyDatabase(db, { now: NOW }).checks.filter((c) => c.status === 'fail').map((c) => c.id);
}

describe('verify on a consistent database', () => {
  it('passes every check and lists the old unfinalized sale as a finding', () => {
    const db = seededDb();
    const r = verifyDatabase(db, { now: NOW });
    expect(r.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(r.ok).toBe(true);
    const grace = r.checks.find((c) => c.id === 'grace-period')!;
    expect(grace.status).toBe('findings');
    expect(grace.offenders.map((o) => o.key)).toEqual([TX_OLD_OPEN]);
    expect(grace.offenders[0]!.message).toMatch(/0\.250 t on 2024-03-01T00:00:00 \(\d+ days ago\) is not finalized: 0\.000 t retired/);
    expect(r.head?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the grace period is configurable', () => {
    const db = seededDb();
    expect(checks(db, 5000)['grace-period']!.status).toBe('pass');
    expect(checks(db, 10)['grace-period']!.offenders.map((o) => o.key)).toEqual([TX_OLD_OPEN, TX_RECENT]);
  });

  it('is recorded as an operation with its outcome and the head hash', async () => {
    const engine = seededEngine();
    const db = engine.writer();
    const r = await runVerify(engine, { graceDays: 90, now: NOW });
    const op = listOperations(db, { kind: 'verify' }).rows[0]!;
    expect(op.id).toBe(r.operationId);
    expect(JSON.parse(op.result!)).toMatchObject({ ok: true, failed: [], findings: [{ check: 'grace-period', count: 1 }, { check: 'contract-calls', count: 1 }], head: r.head });
  });
});

describe('tampering behind the app’s back', () => {
  it('UPDATE of a sinking tx amount with the triggers dropped: verify names the table and key', () => {
    const file = tempDbFile();
    seededDb(file).close();
    // The attacker: a plain connection (no app functions), so the change triggers must go first.
    const raw = new Database(file);
    expect(() => raw.prepare(`UPDATE sinking_txs SET carbon_amount = 1400 WHERE hash = ?`).run(TX1)).toThrow(/no such function/);
    raw.exec('DROP TRIGGER audit_sinking_txs_update');
    raw.prepare(`UPDATE sinking_txs SET carbon_amount = 1400 WHERE hash = ?`).run(TX1);
    raw.close();

    const engine = new Engine(file);
    try {
      const c = checks(engine.reader());
      expect(c.replay!.status).toBe('fail');
      expect(c.replay!.offenders).toEqual([
        { table: 'sinking_txs', key: TX1, message: expect.stringMatching(/changed behind the app's back\): carbon_amount: logged 1500, found 1400/) as unknown },
      ]);
      expect(c.triggers!.offenders.map((o) => o.key)).toEqual(['audit_sinking_txs_update']);
      // The reconciliation checks see the damage too: TX1 is now overfilled.
      expect(c['sink-fills']!.offenders.map((o) => o.key)).toEqual([TX1]);
    } finally {
      engine.close();
    }
  });

  it('an edit with the triggers recreated afterwards still breaks the replay of the next logged change', () => {
    const file = tempDbFile();
    seededDb(file).close();
    const raw = new Database(file);
    const sql = raw.prepare(`SELECT sql FROM sqlite_master WHERE name = 'audit_sinking_txs_update'`).pluck().get() as string;
    raw.exec('DROP TRIGGER audit_sinking_txs_update');
    raw.prepare(`UPDATE sinking_txs SET recipient = 'GATTACKER' WHERE hash = ?`).run(TX2);
    raw.exec(sql);
    raw.close();
    const db = openWriteDb(file);
    appWrite(db, `UPDATE sinking_txs SET memo_value = 'fixed' WHERE hash = ?`, TX2);
    const replay = checks(db).replay!;
    expect(replay.status).toBe('fail');
    expect(replay.offenders).toEqual([
      { table: 'sinking_txs', key: TX2, message: expect.stringMatching(/does not start from the state logged at seq \d+/) as unknown },
    ]);
    db.close();
  });

  it('DELETE of an audit row: the chain break is named', () => {
    const file = tempDbFile();
    seededDb(file).close();
    const raw = new Database(file);
    const victim = raw.prepare(`SELECT seq FROM audit_changes WHERE table_name = 'sinking_txs' ORDER BY seq LIMIT 1`).pluck().get() as number;
    raw.exec('DROP TRIGGER audit_changes_no_delete');
    raw.prepare('DELETE FROM audit_changes WHERE seq = ?').run(victim);
    raw.close();
    const engine = new Engine(file);
    try {
      const chain = checks(engine.reader()).chain!;
      expect(chain.status).toBe('fail');
      expect(chain.offenders[0]).toEqual({ table: 'audit_changes', key: `seq ${victim}`, message: `entries seq ${victim} are missing (deleted): the chain jumps from ${victim - 1} to ${victim + 1}` });
      expect(chain.offenders[1]!.key).toBe(`seq ${victim + 1}`);
      expect(failing(engine.reader())).toEqual(expect.arrayContaining(['chain', 'triggers', 'replay']));
    } finally {
      engine.close();
    }
  });

  it('UPDATE of an audit row: the altered entry is named', () => {
    const file = tempDbFile();
    seededDb(file).close();
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_operation_events_no_update');
    const seq = raw.prepare(`SELECT seq FROM audit_operation_events WHERE kind = 'load'`).pluck().get() as number;
    raw.prepare(`UPDATE audit_operation_events SET actor = 'someone else' WHERE seq = ?`).run(seq);
    raw.close();
    const db = openWriteDb(file);
    const chain = checks(db).chain!;
    expect(chain.offenders).toEqual([{ table: 'audit_operation_events', key: `seq ${seq}`, message: expect.stringMatching(/hash mismatch/) as unknown }]);
    db.close();
  });

  it('an altered audit row whose hash the attacker recomputed: the next entry names it', () => {
    const file = tempDbFile();
    seededDb(file).close();
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_changes_no_update');
    const row = raw.prepare(`SELECT * FROM audit_changes WHERE table_name = 'sinking_txs' ORDER BY seq LIMIT 1`).get() as Record<string, string | number | null>;
    const prev = raw.prepare('SELECT hash FROM audit_changes WHERE seq = ?').pluck().get(Number(row.seq) - 1) as string;
    const after = String(row.after_json).replace('"carbon_amount":1500', '"carbon_amount":1400');
    const { hash: _old, ...rest } = row;
    const fields = { ...rest, after_json: after, entry: 'change' };
    raw.prepare('UPDATE audit_changes SET after_json = ?, hash = ? WHERE seq = ?').run(after, entryHash(prev, fields), row.seq);
    raw.close();
    const db = openWriteDb(file);
    const c = checks(db);
    expect(c.chain!.offenders).toEqual([
      { table: 'audit_changes', key: `seq ${Number(row.seq) + 1}`, message: expect.stringContaining(`the entry before it (seq ${row.seq}) was altered or removed`) as unknown },
    ]);
    // The replay check names the data row whose logged history no longer matches it.
    expect(c.replay!.offenders.map((o) => o.key)).toContain(TX1);
    db.close();
  });

  it('rows inserted with the triggers dropped are named as missing from the change log', () => {
    const file = tempDbFile();
    seededDb(file).close();
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_distribution_txs_insert');
    raw.prepare(`INSERT INTO distribution_txs VALUES (?, '2024-05-01T00:00:00', 'GA', 'GB', 1000, 164810659791396866)`).run('5'.repeat(64));
    raw.exec('DROP TRIGGER audit_sink_status_delete');
    raw.prepare('DELETE FROM sink_status WHERE sinking_tx_hash = ?').run(TX2);
    raw.close();
    const db = openWriteDb(file);
    const replay = checks(db).replay!;
    expect(replay.offenders.map((o) => [o.table, o.key])).toEqual([
      ['distribution_txs', '164810659791396866'],
      ['sink_status', `${TX2}/${CERT}`],
    ]);
    expect(replay.offenders[1]!.message).toMatch(/missing \(deleted behind the app's back\)/);
    db.close();
  });
});

describe('reconciliation checks on crafted databases', () => {
  it('a retirement not exactly covered by blocks', () => {
    const db = seededDb();
    appWrite(db, `UPDATE retirement_from_block SET vcu_amount = 1 WHERE retirement_id = ?`, CERT);
    const c = checks(db)['retirements-covered']!;
    expect(c.offenders).toEqual([{ table: 'retirements', key: String(CERT), message: `retirement ${CERT} of 2 VCU is covered by 1 VCU from blocks` }]);
    expect(failing(db)).toEqual(['retirements-covered']);
  });

  it('an overspent block', () => {
    const db = seededDb();
    appWrite(db, `UPDATE retirements SET vcu_amount = 12 WHERE certificate_id = ?`, CERT);
    appWrite(db, `UPDATE retirement_from_block SET vcu_amount = 12`);
    const c = checks(db)['blocks-not-overspent']!;
    expect(c.offenders).toEqual([{ table: 'minted_blocks', key: BLOCK, message: `block ${BLOCK} of 10 VCU has 12 VCU retired from it` }]);
  });

  it('a serial hash that is not sha256 of the serial number', () => {
    const db = seededDb();
    appWrite(db, `UPDATE minted_blocks SET serial_number = replace(serial_number, '449402284', '449402285')`);
    const c = checks(db)['serial-hashes']!;
    expect(c.status).toBe('fail');
    expect(c.offenders[0]).toMatchObject({ table: 'minted_blocks', key: BLOCK });
  });

  it('fills above the sale or the retirement amount', () => {
    const db = seededDb();
    appWrite(db, `UPDATE sink_status SET amount_filled = 1600 WHERE sinking_tx_hash = ?`, TX1);
    const c = checks(db)['sink-fills']!;
    expect(c.offenders.map((o) => [o.table, o.key, o.message])).toEqual([
      ['sinking_txs', TX1, `sale ${TX1} of 1.500 t has 1.600 t filled by retirements`],
      ['retirements', String(CERT), `retirement ${CERT} of 2 VCU fills 2.100 t of sales`],
    ]);
  });

  it('finalized ⇔ fully filled, both ways', () => {
    const db = seededDb();
    appWrite(db, `UPDATE sink_status SET finalized = 0 WHERE sinking_tx_hash = ?`, TX1);
    runOperationSync(db, { kind: 'load' }, () => {
      db.prepare(`UPDATE sink_status SET amount_filled = 400 WHERE sinking_tx_hash = ?`).run(TX2);
      db.prepare(`UPDATE retirements SET vcu_amount = 2`).run();
    });
    const c = checks(db).finalized!;
    expect(c.offenders.map((o) => [o.key, o.message])).toEqual([
      [TX1, `sale ${TX1} is fully filled (1.500 t) but no status is finalized`],
      [TX2, `sale ${TX2} is marked finalized but only 0.400 t of 0.500 t is filled`],
    ]);
  });

  it('a retirement naming a tx that is not stored', () => {
    const db = seededDb();
    const ghost = 'f'.repeat(64);
    appWrite(db, `UPDATE retirements SET retirement_details = ? WHERE certificate_id = ?`, `stellarcarbon.io ${TX1} ${ghost.toUpperCase()}`, CERT);
    const c = checks(db)['retirement-txs']!;
    // A finding, not a failure: it may be a contract-call sale no indexer has loaded (and none is set here).
    expect(c.status).toBe('findings');
    expect(c.offenders).toEqual([
      {
        table: 'retirements',
        key: String(CERT),
        message: `retirement ${CERT} names tx ${ghost}, which is not a stored sinking tx, so that sale has no status (contract-call sales are not being loaded: neither SC_OBSRVR_FLOW_DB_URI nor SC_MERCURY_KEY is set)`,
      },
    ]);
  });

  it('stats identities catch links to missing rows (written with foreign keys off)', () => {
    const db = seededDb();
    db.pragma('foreign_keys = OFF');
    appWrite(db, `INSERT INTO retirement_from_block VALUES (?, ?, 1)`, CERT, 'e'.repeat(64));
    appWrite(db, `INSERT INTO sink_status VALUES (?, ?, 100, 0)`, '9'.repeat(64), CERT);
    const c = checks(db);
    expect(c['stats-identity']!.offenders.map((o) => o.table)).toEqual(['sink_status', 'retirement_from_block']);
    expect(c['stats-identity']!.offenders[1]!.message).toMatch(/minted 10 VCU − retired from blocks 3 VCU = 7, but remaining per block sums to 8/);
    expect(c['retirements-covered']!.offenders.map((o) => o.key)).toEqual([String(CERT), `${CERT}/${'e'.repeat(64)}`]);
    expect(c['sink-fills']!.offenders.map((o) => o.key)).toContain(`${'9'.repeat(64)}/${CERT}`);
  });

  it('stats identity: the inventory view must show every block (here one of an unknown project)', () => {
    const db = seededDb();
    db.pragma('foreign_keys = OFF');
    const serial = '8040-449402285-449402289-VCU-042-MER-PE-14-9999-01072013-30062014-1';
    appWrite(
      db,
      `INSERT INTO minted_blocks VALUES (?, ?, '2024-06-01T00:00:00', 9999, ?, 449402285, 449402289, 11273, 'CARBON Pool', '2013-07-01', '2014-06-30', 164806777139924999)`,
      sha256Hex(serial),
      'b'.repeat(64),
      serial,
    );
    const c = checks(db)['stats-identity']!;
    expect(c.offenders).toEqual([
      { table: 'views.inventory', key: null, message: 'the inventory view shows 10 VCU minted and 8 VCU remaining, but the tables give 15 and 13' },
    ]);
  });

  it('changes made outside any operation are named', () => {
    const db = seededDb();
    insertSale(db, '6'.repeat(64), '2026-11-20T00:00:00', 100, 164821723627237390n);
    const c = checks(db).attribution!;
    expect(c.offenders).toEqual([{ table: 'sinking_txs', key: '6'.repeat(64), message: expect.stringMatching(/outside any recorded operation/) as unknown }]);
  });
});
