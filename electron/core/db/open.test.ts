import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { assertOrdered, migrate } from './migrate.js';
import { DATA_TABLES, LATEST_SCHEMA_VERSION, migrations } from './migrations/index.js';
import { openReadDb, openWriteDb } from './open.js';
import type { WriteDb } from './types.js';

const dirs: string[] = [];
function tmpFile(name = 'db.sqlite3'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-db-'));
  dirs.push(dir);
  return path.join(dir, name);
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('openWriteDb', () => {
  it('creates the file with WAL, foreign keys, synchronous FULL and the latest schema', () => {
    const file = tmpFile();
    const db = openWriteDb(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    for (const t of DATA_TABLES) expect(tables).toContain(t);
    db.close();
  });

  it('makes the data tables STRICT and enforces foreign keys', () => {
    const db = openWriteDb(':memory:');
    const strict = db.prepare('SELECT name, strict FROM pragma_table_list WHERE schema = ?').all('main') as { name: string; strict: number }[];
    for (const t of DATA_TABLES) expect(strict.find((s) => s.name === t)?.strict).toBe(1);
    expect(() =>
      db.prepare('INSERT INTO sink_status VALUES (?, ?, ?, ?)').run('a'.repeat(64), 1, 1000, 1),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO vcs_projects (id, name, category, protocol, region, country) VALUES ('x', 'n', 'c', 'p', 'r', 'c')").run()).toThrow();
    db.close();
  });

  it('is idempotent: reopening applies nothing', () => {
    const file = tmpFile();
    openWriteDb(file).close();
    const db = openWriteDb(file);
    expect(migrate(db, migrations, file)).toEqual([]);
    db.close();
  });

  it('refuses a database from a newer app version and leaves the file untouched', () => {
    const file = tmpFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    let thrown: unknown;
    try {
      openWriteDb(file);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('DB_NEWER_VERSION');
    expect((thrown as AppError).message).toMatch(/newer version of the app/);
    expect(() => openReadDb(file)).toThrow(/newer version/);
    expect(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('reports a file that is not a database as DB_CORRUPT', () => {
    const file = tmpFile();
    fs.writeFileSync(file, 'this is not sqlite'.repeat(100));
    expect(() => openWriteDb(file)).toThrow(AppError);
    try {
      openWriteDb(file);
    } catch (err) {
      expect((err as AppError).code).toBe('DB_CORRUPT');
    }
  });

  it('hands out read-only handles that cannot write', () => {
    const file = tmpFile();
    openWriteDb(file).close();
    const w = openWriteDb(file);
    w.prepare("INSERT INTO vcs_projects VALUES (1360, 'n', 'c', 'p', NULL, 'r', 'c')").run();
    w.close();
    const ro = openReadDb(file);
    // Refused either by SQLite's read-only mode or, earlier, by the audit triggers' app-only functions.
    expect(() => ro.prepare('DELETE FROM vcs_projects').run()).toThrow();
    expect(() => ro.prepare('CREATE TABLE t (x INTEGER)').run()).toThrow(/readonly/);
    expect(ro.prepare('SELECT count(*) AS n FROM vcs_projects').get()).toEqual({ n: 1 });
    ro.close();
  });
});

describe('migration list', () => {
  it('is numbered 1..n without gaps', () => {
    expect(() => assertOrdered(migrations)).not.toThrow();
    expect(() => assertOrdered([...migrations, { version: migrations.length + 2, name: 'gap', up: () => undefined }])).toThrow(/out of order/);
  });

  it('rolls back a failing migration entirely', () => {
    const db = openWriteDb(':memory:', { migrate: false }) as WriteDb;
    const failing = [{ version: 1, name: 'boom', up: (d: WriteDb) => (d.exec('CREATE TABLE t (x INTEGER)'), d.exec('SELECT * FROM nope')) }];
    expect(() => migrate(db, failing, ':memory:')).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 't'").get()).toEqual({ n: 0 });
    db.close();
  });
});
