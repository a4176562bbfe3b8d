import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch.js';
import { createHandlers } from '../api/handlers.js';
import { Engine } from '../engine.js';
import { runCheck } from './check.js';
import { openWriteDb } from './open.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('database check', () => {
  it('db.check reports a healthy database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-check-'));
    dirs.push(dir);
    const engine = new Engine(path.join(dir, 'db.sqlite3'));
    const res = await dispatch(createHandlers(engine), 'db.check', { full: true }, { via: 'test' });
    expect(res).toMatchObject({ ok: true, value: { ok: true, mode: 'full', messages: ['ok'] } });
    engine.close();
  });

  it('refuses to open a damaged database, suggesting a restore from a backup', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-check-'));
    dirs.push(dir);
    const file = path.join(dir, 'db.sqlite3');
    const db = openWriteDb(file);
    db.exec('CREATE TABLE filler (x TEXT); CREATE INDEX filler_x ON filler (x);');
    const ins = db.prepare('INSERT INTO filler VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) ins.run(`row ${i} ${'y'.repeat(100)}`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    // Scribble over the second half of the file (b-tree pages), keeping the header valid.
    const bytes = fs.readFileSync(file);
    for (let i = Math.floor(bytes.length / 2); i < bytes.length; i += 61) bytes[i] = 0x5a;
    fs.writeFileSync(file, bytes);
    let thrown: unknown;
    try {
      openWriteDb(file).close();
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'DB_CORRUPT', message: expect.stringMatching(/is damaged .*Restore it from a backup: `sc-audit-explorer backup apply/) });
  });
});

describe('what the check reports as damage', () => {
  const failing = (codes: string[]) => {
    let calls = 0;
    const db = {
      pragma: () => {
        const code = codes[calls++];
        if (code === undefined) return [{ quick_check: 'ok' }];
        throw Object.assign(new Error(code === 'SQLITE_SCHEMA' ? 'vtable constructor failed: sale_memo' : `${code} message`), { code });
      },
    };
    return { db, calls: () => calls };
  };

  it('a schema changed under the check by another process (a new file being migrated) is checked again, not damage', () => {
    const { db, calls } = failing(['SQLITE_SCHEMA', 'SQLITE_SCHEMA']);
    expect(runCheck(db, 'quick')).toEqual({ ok: true, messages: ['ok'] });
    expect(calls()).toBe(3);
  });

  it('a schema that keeps changing, or a busy database, is thrown as it is', () => {
    expect(() => runCheck(failing(['SQLITE_SCHEMA', 'SQLITE_SCHEMA', 'SQLITE_SCHEMA', 'SQLITE_SCHEMA']).db, 'quick')).toThrow(/vtable constructor failed/);
    expect(() => runCheck(failing(['SQLITE_BUSY']).db, 'full')).toThrow(/SQLITE_BUSY/);
  });

  it('a check that fails on the file itself is damage, with its message', () => {
    expect(runCheck(failing(['SQLITE_CORRUPT']).db, 'quick')).toEqual({ ok: false, messages: ['SQLITE_CORRUPT message'] });
  });
});
