import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch.js';
import { createHandlers } from '../api/handlers.js';
import { Engine } from '../engine.js';
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
