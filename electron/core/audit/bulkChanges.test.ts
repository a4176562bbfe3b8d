import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openReadDb, openWriteDb } from '../db/open.js';
import { migrate } from '../db/migrate.js';
import { migrations } from '../db/migrations/index.js';
import type { WriteDb } from '../db/types.js';
import { restoreDumpFolder } from '../dump/restoreOperation.js';
import { Engine } from '../engine.js';
import { tempDbFile } from '../../testkit/auditTestDb.js';
import { hasShared, SC_DATA_DIR } from '../../testkit/sharedDir.js';
import { BATCH_ROWS, insertLogged } from './bulkChanges.js';
import { changeEntryHash, GENESIS_HASH, registerAuditFunctions, setCurrentOperation } from './chain.js';
import { changeTriggerNames } from './changeTriggers.js';
import { checkAttribution, checkChain, checkReplay, checkTriggers } from './verifyTrail.js';

/** Tables with few checks, covering an INTEGER key beyond 2^53, a TEXT key, a composite key and nullable TEXT. */
type Write = { table: 'vcs_projects' | 'distribution_txs' | 'sink_status'; columns: string[]; rows: unknown[][] };

function freshDb(): WriteDb {
  const db = openWriteDb(':memory:');
  db.pragma('foreign_keys = OFF'); // the rows below reference nothing; key and state are what is compared
  setCurrentOperation(db, 'op-1');
  return db;
}

/** The same writes, once through plain INSERTs (the triggers log them) and once through the bulk writer. */
function bothWays(writes: readonly Write[]) {
  const viaTriggers = freshDb();
  for (const w of writes) {
    const insert = viaTriggers.prepare(`INSERT INTO ${w.table} (${w.columns.join(', ')}) VALUES (${w.columns.map(() => '?').join(', ')})`);
    viaTriggers.transaction(() => w.rows.forEach((r) => insert.run(...r)))();
  }
  const viaBulk = freshDb();
  for (const w of writes) insertLogged(viaBulk, w.table, w.columns, w.rows);
  return { viaTriggers, viaBulk };
}

type Change = { seq: number; operation_id: string | null; table_name: string; record_key: string; kind: string; before_json: string | null; after_json: string | null; changed_at: string; hash: string };
const changes = (db: WriteDb) => db.prepare('SELECT * FROM audit_changes ORDER BY seq').all() as Change[];
const data = (db: WriteDb, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).safeIntegers(true).raw().all();

/** Same rows, keys, states and seqs; the same hashes once the trigger's per-statement time is the batch's. */
function expectSameLog(viaTriggers: WriteDb, viaBulk: WriteDb): void {
  const a = changes(viaTriggers);
  const b = changes(viaBulk);
  const strip = ({ changed_at: _t, hash: _h, ...rest }: Change) => rest;
  expect(b.map(strip)).toEqual(a.map(strip));
  let prev = GENESIS_HASH;
  a.forEach((c, i) => {
    prev = changeEntryHash(prev, c.seq, c.operation_id, c.table_name, c.record_key, c.kind, c.before_json, c.after_json, b[i]!.changed_at);
    expect(b[i]!.hash).toBe(prev);
  });
  for (const db of [viaTriggers, viaBulk]) expect(checkChain(db).status).toBe('pass');
  for (const t of ['vcs_projects', 'distribution_txs', 'sink_status']) expect(data(viaBulk, t)).toEqual(data(viaTriggers, t));
}

const HEX = fc.stringMatching(/^[0-9a-f]{64}$/);
const DATETIME = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19));
const TEXT = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('', '"quoted" \\ back', 'tab\tnew\nline\u0000nul\u001f\u007f', 'é ü 😀 中文', "it's"));
const INT64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

const projects = fc
  .uniqueArray(fc.tuple(INT64, TEXT, TEXT, TEXT, fc.option(TEXT), TEXT, TEXT), { selector: (r) => r[0], maxLength: 12 })
  .map((rows): Write => ({ table: 'vcs_projects', columns: ['id', 'name', 'category', 'protocol', 'additional_certifications', 'region', 'country'], rows }));
// Values SQLite converts on the way in: a number for a TEXT column, decimal text and a whole double for INTEGER ones.
const AMOUNT = fc.oneof(INT64, fc.integer(), fc.integer().map(String), fc.constant(5.0));
const transfers = fc
  .uniqueArray(fc.tuple(HEX, DATETIME, fc.oneof(TEXT, fc.integer()), TEXT, AMOUNT, INT64), { selector: (r) => r[5], maxLength: 12 })
  .map((rows): Write => ({ table: 'distribution_txs', columns: ['hash', 'created_at', 'sender', 'recipient', 'carbon_amount', 'toid'], rows }));
const statuses = fc
  .uniqueArray(fc.tuple(HEX, fc.integer({ min: 1 }), fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), fc.constantFrom(0, 1)), { selector: (r) => `${r[0]}/${r[1]}`, maxLength: 12 })
  .map((rows): Write => ({ table: 'sink_status', columns: ['sinking_tx_hash', 'certificate_id', 'amount_filled', 'finalized'], rows }));

describe('the bulk writer logs what the insert triggers log', () => {
  it('same change-log rows (keys, json_object text, seqs, hashes) for the same writes', () => {
    fc.assert(
      fc.property(projects, transfers, statuses, (p, t, s) => {
        const { viaTriggers, viaBulk } = bothWays([p, t, s]);
        expectSameLog(viaTriggers, viaBulk);
      }),
      { numRuns: 60 },
    );
  });

  it('several batches keep one chain, in insertion order', () => {
    const n = 2 * BATCH_ROWS + BATCH_ROWS / 2;
    const rows = Array.from({ length: n }, (_, i) => [i.toString(16).padStart(64, '0'), '2024-01-01T00:00:00', 'GS', 'GR', i, 2n ** 62n - BigInt(i)]);
    const { viaTriggers, viaBulk } = bothWays([{ table: 'distribution_txs', columns: ['hash', 'created_at', 'sender', 'recipient', 'carbon_amount', 'toid'], rows }]);
    expectSameLog(viaTriggers, viaBulk);
    expect(changes(viaBulk)).toHaveLength(n);
    expect(changes(viaBulk)[n - 1]!.record_key).toBe((2n ** 62n - BigInt(n - 1)).toString());
  });

  it('a call dated earlier than the latest change lists its entries as step-backs, as migration 009’s trigger does', () => {
    const rows = Array.from({ length: BATCH_ROWS + 3 }, (_, i) => [i.toString(16).padStart(64, '0'), '2024-01-01T00:00:00', 'GS', 'GR', i, BigInt(i + 1)]);
    const write: Write = { table: 'distribution_txs', columns: ['hash', 'created_at', 'sender', 'recipient', 'carbon_amount', 'toid'], rows };
    const stepBacks = (future: boolean) => {
      const { viaTriggers, viaBulk } = bothWays([{ ...write, rows: rows.slice(0, 2) }]);
      for (const db of [viaTriggers, viaBulk]) {
        // A change dated later than the clock (written by a writer whose clock ran ahead), then the rest of the rows.
        if (future) db.prepare(`INSERT INTO audit_changes VALUES (3, NULL, 'x', 'k', 'insert', NULL, '{}', '2999-01-01T00:00:00.000Z', ?)`).run(GENESIS_HASH);
        const insert = db.prepare(`INSERT INTO distribution_txs (${write.columns.join(', ')}) VALUES (${write.columns.map(() => '?').join(', ')})`);
        if (db === viaBulk) insertLogged(db, 'distribution_txs', write.columns, rows.slice(2));
        else db.transaction(() => rows.slice(2).forEach((r) => insert.run(...r)))();
      }
      const list = (db: WriteDb) => db.prepare('SELECT seq FROM audit_change_stepback ORDER BY seq').pluck().all() as number[];
      expect(list(viaBulk)).toEqual(list(viaTriggers));
      return list(viaBulk);
    };
    expect(stepBacks(false)).toEqual([]);
    expect(stepBacks(true)).toEqual(Array.from({ length: BATCH_ROWS + 1 }, (_, i) => 4 + i));
  });

  it('refuses a BLOB as the trigger path does (STRICT tables), writing nothing', () => {
    const db = freshDb();
    const row = [1, Buffer.from('x'), 'c', 'p', null, 'r', 'k'];
    expect(() => insertLogged(db, 'vcs_projects', ['id', 'name', 'category', 'protocol', 'additional_certifications', 'region', 'country'], [row])).toThrow(/cannot store BLOB/);
    expect(changes(db)).toEqual([]);
  });
});

describe('every other write is still logged by the triggers', () => {
  const project = (id: number) => [id, 'P', 'AFOLU', 'VM0015', null, 'Latin America', 'Peru'];
  const PROJECT_COLUMNS = ['id', 'name', 'category', 'protocol', 'additional_certifications', 'region', 'country'];

  it('plain INSERT and UPDATE on the same connection after a bulk insert, and the bulk rows once each', () => {
    const db = freshDb();
    insertLogged(db, 'vcs_projects', PROJECT_COLUMNS, [project(1), project(2)]);
    db.prepare('INSERT INTO vcs_projects VALUES (?, ?, ?, ?, ?, ?, ?)').run(...project(3));
    db.prepare(`UPDATE vcs_projects SET name = 'Q' WHERE id = 1`).run();
    db.prepare('DELETE FROM vcs_projects WHERE id = 2').run();
    expect(changes(db).map((c) => `${c.kind} ${c.record_key}`)).toEqual(['insert 1', 'insert 2', 'insert 3', 'update 1', 'delete 2']);
    expect(checkReplay(db).status).toBe('pass');
    expect(checkChain(db).status).toBe('pass');
  });

  it('sets the insert triggers aside for its own transaction only: the same triggers, same text, after a load and a failed one', () => {
    const db = freshDb();
    const triggers = () => db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all();
    const before = triggers();
    insertLogged(db, 'vcs_projects', PROJECT_COLUMNS, [project(1), project(2)]);
    expect(triggers()).toEqual(before);
    expect(() => insertLogged(db, 'vcs_projects', PROJECT_COLUMNS, [project(3), project(1)])).toThrow(/UNIQUE/);
    expect(triggers()).toEqual(before);
    expect(changes(db).map((c) => `${c.kind} ${c.record_key}`)).toEqual(['insert 1', 'insert 2']);
  });

  it('a connection without the app functions (the sqlite3 shell) still cannot insert unlogged', () => {
    const file = tempDbFile();
    openWriteDb(file).close();
    const raw = new Database(file);
    expect(() => raw.prepare('INSERT INTO vcs_projects VALUES (?, ?, ?, ?, ?, ?, ?)').run(...project(1))).toThrow(/no such function/);
    raw.close();
  });

  it('migration 016 takes the per-row step-aside of 008 and 014 out of the insert triggers, leaving them as before', () => {
    const db = new Database(':memory:') as WriteDb;
    registerAuditFunctions(db);
    const names = [changeTriggerNames('sinking_txs')[0] as string, 'sale_finality_sale_insert', 'sale_memo_insert'];
    const sqlOf = () => names.map((n) => db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(n) as string);
    migrate(db, migrations.slice(0, 7), ':memory:');
    const original = sqlOf();
    migrate(db, migrations.slice(0, 15), ':memory:');
    // As a database written by 008 and 014 has them (migration 002 now installs the change triggers without it).
    const audit = (original[0] as string).replace(" BEGIN", " WHEN sc_audit_bulk_insert_table() IS NOT 'sinking_txs' BEGIN");
    db.exec(`DROP TRIGGER ${names[0]}; ${audit}`);
    expect(sqlOf().every((sql) => sql.includes("sc_audit_bulk_insert_table() IS NOT 'sinking_txs'"))).toBe(true);
    migrate(db, migrations, ':memory:');
    const words = (sql: string[]) => sql.map((s) => s.replace(/\s+/g, ' ')); // 014 indented its statements otherwise
    expect(words(sqlOf())).toEqual(words(original));
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE sql LIKE '%sc_audit_bulk_insert_table%'`).pluck().get()).toBe(0);
  });
});

describe('all or nothing', () => {
  const COLUMNS = ['hash', 'created_at', 'sender', 'recipient', 'carbon_amount', 'toid'];
  const row = (i: number) => [i.toString(16).padStart(64, '0'), '2024-01-01T00:00:00', 'GS', 'GR', 1, BigInt(i)];

  it('a bad row in the second batch leaves neither rows nor change-log rows, and is named', () => {
    const db = freshDb();
    insertLogged(db, 'distribution_txs', COLUMNS, [row(0)]);
    const rows = Array.from({ length: BATCH_ROWS + BATCH_ROWS / 2 }, (_, i) => row(i + 1));
    const bad = BATCH_ROWS + 400;
    rows[bad] = row(3); // duplicate key
    expect(() => insertLogged(db, 'distribution_txs', COLUMNS, rows, { rowError: (err, i) => new Error(`row ${i}: ${(err as Error).message}`) })).toThrow(
      new RegExp(`^row ${bad}: UNIQUE constraint failed: distribution_txs.toid$`),
    );
    expect(db.prepare('SELECT count(*) FROM distribution_txs').pluck().get()).toBe(1);
    expect(changes(db)).toHaveLength(1);
    // The step-aside ended with the failed call: a plain insert is logged again.
    db.prepare(`INSERT INTO distribution_txs VALUES (${COLUMNS.map(() => '?').join(', ')})`).run(...row(9999));
    expect(changes(db)).toHaveLength(2);
    expect(checkReplay(db).status).toBe('pass');
  });

  it('rolled back with the caller’s transaction', () => {
    const db = freshDb();
    expect(() =>
      db.transaction(() => {
        insertLogged(db, 'distribution_txs', COLUMNS, [row(1), row(2)]);
        throw new Error('step failed after its insert');
      })(),
    ).toThrow(/step failed/);
    expect(db.prepare('SELECT count(*) FROM distribution_txs').pluck().get()).toBe(0);
    expect(changes(db)).toEqual([]);
  });

  it('attributes the rows to the current operation (none: attribution fails, as for the triggers)', () => {
    const db = freshDb();
    setCurrentOperation(db, null);
    insertLogged(db, 'distribution_txs', COLUMNS, [row(1)]);
    expect(changes(db)[0]!.operation_id).toBeNull();
    expect(checkAttribution(db).offenders.map((o) => o.message)).toEqual(['change seq 1 was made outside any recorded operation']);
  });
});

describe.skipIf(!hasShared)('verify after a restore written in bulk', () => {
  async function restored(): Promise<{ file: string; bulkSeq: number; sale: string }> {
    const file = tempDbFile();
    const engine = new Engine(file);
    await restoreDumpFolder(engine, SC_DATA_DIR, { via: 'test' });
    const db = engine.reader();
    for (const check of [checkChain, checkTriggers, checkReplay, checkAttribution]) expect(check(db).status).toBe('pass');
    const c = db.prepare(`SELECT seq, record_key FROM audit_changes WHERE table_name = 'sinking_txs' ORDER BY seq LIMIT 1 OFFSET 5`).get() as { seq: number; record_key: string };
    engine.close();
    return { file, bulkSeq: c.seq, sale: c.record_key };
  }

  it('passes, then names a bulk-written change row edited behind the app’s back', async () => {
    const { file, bulkSeq } = await restored();
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_changes_no_update');
    raw.prepare(`UPDATE audit_changes SET after_json = replace(after_json, '"carbon_amount":', '"carbon_amount":1') WHERE seq = ?`).run(bulkSeq);
    raw.close();
    const db = openReadDb(file);
    expect(checkChain(db).offenders.map((o) => o.key)).toEqual([`seq ${bulkSeq}`]);
    expect(checkReplay(db).status).toBe('fail');
    db.close();
  });

  it('names a restored data row edited behind the app’s back', async () => {
    const { file, sale } = await restored();
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_sinking_txs_update');
    raw.prepare('UPDATE sinking_txs SET carbon_amount = carbon_amount + 1 WHERE hash = ?').run(sale);
    raw.close();
    const db = openReadDb(file);
    expect(checkReplay(db).offenders.map((o) => o.key)).toEqual([sale]);
    expect(checkChain(db).status).toBe('pass');
    db.close();
  });
});
