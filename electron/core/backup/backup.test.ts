import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listOperations } from '../audit/queries.js';
import { runCheck } from '../db/check.js';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index.js';
import type { Engine } from '../engine.js';
import { TempEngines } from '../../testkit/tempEngines.js';
import { acquireLock, readLock, releaseLock } from '../jobs/syncLock.js';
import { applyBackup } from './applyBackup.js';
import { createBackup } from './createBackup.js';

const temp = new TempEngines('sc-backup-');
const tmpDir = () => temp.dir();
const engineAt = (file: string): Engine => temp.engine(file);
afterEach(() => temp.cleanUp());

function addProject(e: Engine, id: number): void {
  e.writer()
    .prepare('INSERT INTO vcs_projects (id, name, category, protocol, additional_certifications, region, country) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(id, `Project ${id}`, 'AFOLU', 'VM0015', null, 'Latin America', 'Peru');
}
const projectIds = (e: Engine) => (e.reader().prepare('SELECT id FROM vcs_projects ORDER BY id').all() as { id: number }[]).map((r) => r.id);

describe('backup create / apply', () => {
  it('copies the live database, applies it back and keeps the replaced file aside', async () => {
    const dir = tmpDir();
    const e = engineAt(path.join(dir, 'live.sqlite3'));
    addProject(e, 1360);
    const backupFile = path.join(dir, 'backups', 'b1.sqlite3');
    fs.mkdirSync(path.dirname(backupFile));
    const made = await createBackup(e, backupFile, { via: 'test' });
    expect(made).toMatchObject({ file: backupFile, bytes: fs.statSync(backupFile).size });
    expect(made.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readdirSync(path.dirname(backupFile))).toEqual(['b1.sqlite3']);
    const copy = new Database(backupFile, { readonly: true });
    expect(runCheck(copy, 'full').ok).toBe(true);
    copy.close();

    addProject(e, 9999);
    expect(projectIds(e)).toEqual([1360, 9999]);

    const now = new Date('2026-11-24T22:58:43.123Z');
    const dry = await applyBackup(e, backupFile, { dryRun: true, now });
    expect(dry).toMatchObject({ dryRun: true, operationId: null, keptAsideAs: `${e.dbPath}.before-20261124T225843Z`, schemaVersion: LATEST_SCHEMA_VERSION });
    expect(dry.rowCounts.find((r) => r.table === 'vcs_projects')?.rows).toBe(1);
    expect(projectIds(e)).toEqual([1360, 9999]);
    expect(fs.existsSync(dry.keptAsideAs)).toBe(false);

    const applied = await applyBackup(e, backupFile, { now, via: 'test' });
    expect(applied.dryRun).toBe(false);
    expect(projectIds(e)).toEqual([1360]);
    const before = new Database(applied.keptAsideAs, { readonly: true });
    expect(before.prepare('SELECT count(*) AS n FROM vcs_projects').get()).toEqual({ n: 2 });
    before.close();
    expect(readLock(e.reader())).toBeNull();
    const kinds = listOperations(e.reader(), {}).rows.map((o) => [o.kind, o.status]);
    // The apply, then the verify of the database now in use (its verdict in the report).
    expect(kinds.slice(0, 2)).toEqual([
      ['verify', 'ok'],
      ['backup-apply', 'ok'],
    ]);
    // (This hand-made database fails some checks: the apply stays ok all the same.)
    expect(applied.verify).toMatchObject({ ok: expect.any(Boolean), operationId: expect.any(String), checkedAt: expect.any(String) });
    // The backup's own record is not inside the backup (it was recorded after the copy).
    expect(kinds.filter(([k]) => k === 'backup')).toHaveLength(0);
  });

  it('refuses a damaged or foreign candidate without touching the live database', async () => {
    const dir = tmpDir();
    const e = engineAt(path.join(dir, 'live.sqlite3'));
    addProject(e, 1);
    const junk = path.join(dir, 'junk.sqlite3');
    fs.writeFileSync(junk, 'not a database at all'.repeat(300));
    await expect(applyBackup(e, junk)).rejects.toMatchObject({ code: 'DB_CORRUPT', message: expect.stringMatching(/Nothing was changed/) });

    const foreign = path.join(dir, 'foreign.sqlite3');
    const f = new Database(foreign);
    f.exec('CREATE TABLE t (x)');
    f.close();
    await expect(applyBackup(e, foreign)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/not a database of this app/) });

    // Damage a real backup in the middle of its b-tree pages.
    const good = path.join(dir, 'good.sqlite3');
    await createBackup(e, good);
    const bytes = fs.readFileSync(good);
    for (let i = 4096; i < bytes.length; i += 97) bytes[i] = 0xff;
    fs.writeFileSync(good, bytes);
    await expect(applyBackup(e, good)).rejects.toMatchObject({ code: 'DB_CORRUPT' });
    expect(projectIds(e)).toEqual([1]);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.before-') || n.includes('incoming'))).toEqual([]);
  });

  it('refuses to apply while a catch-up holds the lock', async () => {
    const dir = tmpDir();
    const e = engineAt(path.join(dir, 'live.sqlite3'));
    const b = path.join(dir, 'b.sqlite3');
    await createBackup(e, b);
    const lock = acquireLock(e.writer(), { actor: 'syncer' });
    await expect(applyBackup(e, b)).rejects.toMatchObject({ code: 'SYNC_RUNNING', message: expect.stringMatching(/started by syncer/) });
    releaseLock(e.writer(), lock);
  });

  it('refuses to overwrite the database in use and relative paths', async () => {
    const dir = tmpDir();
    const e = engineAt(path.join(dir, 'live.sqlite3'));
    await expect(createBackup(e, e.dbPath)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(createBackup(e, 'relative.sqlite3')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(createBackup(e, path.join(dir, 'nope', 'x.sqlite3'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
