import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recordSchemaChange, runOperationSync } from '../core/audit/operationRunner.js';
import { openWriteDb } from '../core/db/open.js';
import type { WriteDb } from '../core/db/types.js';
import { sha256Hex } from '../core/domain/hash.js';
import { Engine } from '../core/engine.js';

/** Test support: a small, consistent database built through the app's own write path (so it is audited). */

export const TX1 = '1'.repeat(64);
export const TX2 = '2'.repeat(64);
export const TX_RECENT = '3'.repeat(64);
export const TX_OLD_OPEN = '4'.repeat(64);
export const SERIAL = '8040-449402275-449402284-VCU-042-MER-PE-14-1360-01072013-30062014-1';
export const BLOCK = sha256Hex(SERIAL);
export const CERT = 1001;
/** "Now" for grace-period tests: TX_RECENT is 23 days old, TX_OLD_OPEN about 2.7 years. */
export const NOW = new Date('2026-11-24T12:00:00Z');

export function tempDbFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-audit-'));
  return path.join(dir, 'db.sqlite3');
}

export function insertSale(db: WriteDb, hash: string, createdAt: string, kg: number, toid: bigint): void {
  db.prepare(
    `INSERT INTO sinking_txs VALUES (?, ?, NULL, 'GFUNDER', 'GRECIPIENT', ?, 'XLM', NULL, 100000000, 'CarbonSINK', 'GSINK', ?, 1360, 'text', 'memo', ?)`,
  ).run(hash, createdAt, kg, kg * 10000, toid);
}

/** One block of 10 VCU; retirement 1001 of 2 VCU from it, filling TX1 (1.5 t) and TX2 (0.5 t); two open sales. */
export function seed(db: WriteDb): void {
  runOperationSync(db, { kind: 'load', params: { step: 'seed' } }, () => {
    db.prepare(`INSERT INTO vcs_projects VALUES (1360, 'Project', 'AFOLU', 'VM0015', 'CCB-Gold', 'Latin America', 'Peru')`).run();
    db.prepare(
      `INSERT INTO minted_blocks VALUES (?, ?, '2024-01-01T00:00:00', 1360, ?, 449402275, 449402284, 11273, 'CARBON Pool', '2013-07-01', '2014-06-30', ?)`,
    ).run(BLOCK, 'a'.repeat(64), SERIAL, 164806777139924993n);
    insertSale(db, TX1, '2024-01-10T00:00:00', 1500, 164821723627237383n);
    insertSale(db, TX2, '2024-01-11T00:00:00', 500, 164821723627237384n);
    insertSale(db, TX_OLD_OPEN, '2024-03-01T00:00:00', 250, 164821723627237385n);
    insertSale(db, TX_RECENT, '2026-11-01T00:00:00', 1000, 164821723627237386n);
    db.prepare(
      `INSERT INTO retirements VALUES (?, 2, '8040-449402275-449402276-VCU-042-MER-PE-14-1360-01072013-30062014-1', '2024-02-01', 'someone', ?, 1360, '2020-03-20', 'VCU', '2013-07-01', '2014-06-30', 97259)`,
    ).run(CERT, `stellarcarbon.io ${TX1} ${TX2}`);
    db.prepare(`INSERT INTO retirement_from_block VALUES (?, ?, 2)`).run(CERT, BLOCK);
    db.prepare(`INSERT INTO sink_status VALUES (?, ?, 1500, 1)`).run(TX1, CERT);
    db.prepare(`INSERT INTO sink_status VALUES (?, ?, 500, 1)`).run(TX2, CERT);
  });
}

/** A writable database whose creation is in its audit log (a schema-change operation), as an Engine would open it. */
export function openAuditedDb(file = ':memory:'): WriteDb {
  return openWriteDb(file, { onMigrated: recordSchemaChange });
}

export function seededDb(file = ':memory:'): WriteDb {
  const db = openAuditedDb(file);
  seed(db);
  return db;
}

/** An Engine on a seeded database, for the code that runs operations through an Engine. */
export function seededEngine(file = ':memory:'): Engine {
  const engine = new Engine(file);
  seed(engine.writer());
  return engine;
}

/** Runs SQL as an audited operation of the app (for crafting inconsistent but properly logged data). */
export function appWrite(db: WriteDb, sql: string, ...args: unknown[]): void {
  runOperationSync(db, { kind: 'load', params: { sql } }, () => db.prepare(sql).run(...args));
}
