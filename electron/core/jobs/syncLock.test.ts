import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors.js';
import type { Engine } from '../engine.js';
import { TempEngines } from '../../testkit/tempEngines.js';
import { acquireLock, readLock, releaseLock, withSyncLock } from './syncLock.js';

const temp = new TempEngines('sc-lock-');
const tmpDb = () => temp.dbFile();
const engine = (file: string): Engine => temp.engine(file);
afterEach(() => temp.cleanUp());

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return { code: (err as AppError).code, message: (err as Error).message };
  }
  throw new Error('expected a rejection');
}

describe('withSyncLock', () => {
  it('lets exactly one of two concurrent acquisitions (two connections) run, and names the holder', async () => {
    const file = tmpDb();
    const a = engine(file);
    const b = engine(file);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = withSyncLock(a, { actor: 'alice' }, () => gate.then(() => 'a done'));
    const second = codeOf(withSyncLock(b, { actor: 'bob' }, () => 'b ran'));
    const refused = await second;
    expect(refused.code).toBe('SYNC_RUNNING');
    expect(refused.message).toMatch(
      new RegExp(`^a catch-up is already running since \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC, started by alice \\(pid ${process.pid} on host ${os.hostname()}\\)$`),
    );
    release();
    await expect(first).resolves.toBe('a done');
    // Released in finally: the other one may go now.
    await expect(withSyncLock(b, { actor: 'bob' }, () => 'b ran')).resolves.toBe('b ran');
    expect(readLock(a.reader())).toBeNull();
  });

  it('refuses a second holder in the same process and releases after a failure', async () => {
    const e = engine(tmpDb());
    const results = await Promise.allSettled([
      withSyncLock(e, {}, () => new Promise((r) => setTimeout(r, 20))),
      withSyncLock(e, {}, () => 'second'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    await expect(withSyncLock(e, {}, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(readLock(e.writer())).toBeNull();
  });

  it('never deletes a lock that was taken over by someone else', () => {
    const e = engine(tmpDb());
    const mine = acquireLock(e.writer());
    e.writer().prepare('UPDATE app_locks SET token = ?').run('someone-else');
    releaseLock(e.writer(), mine);
    expect(readLock(e.writer())?.token).toBe('someone-else');
  });

  it('holds a lock from another host for a day, then takes it over', async () => {
    const e = engine(tmpDb());
    const insert = e.writer().prepare("INSERT INTO app_locks VALUES ('sync', 'catch-up', 'far', 'other-host', 1, 'tok', ?)");
    insert.run(new Date(Date.now() - 3600_000).toISOString());
    expect((await codeOf(withSyncLock(e, {}, () => 1))).message).toMatch(/started by far \(pid 1 on host other-host\)/);
    e.writer().prepare('DELETE FROM app_locks').run();
    insert.run(new Date(Date.now() - 25 * 3600_000).toISOString());
    await expect(withSyncLock(e, {}, (lock) => lock.recovered?.host)).resolves.toBe('other-host');
  });

  it('recovers a stale lock whose holder process was killed (SIGKILL)', async () => {
    const file = tmpDb();
    engine(file).writer(); // create and migrate first, so the child does not race the schema
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', '..', 'testkit', 'holdLockChild.ts'), file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
    });
    const e = engine(file);
    const live = await codeOf(withSyncLock(e, { actor: 'me' }, () => 'ran'));
    expect(live.code).toBe('SYNC_RUNNING');
    expect(live.message).toContain(`started by child-actor (pid ${child.pid} on host ${os.hostname()})`);

    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(readLock(e.reader())).toMatchObject({ pid: child.pid, alive: false });
    const got = await withSyncLock(e, { actor: 'me' }, (lock) => lock.recovered);
    expect(got).toMatchObject({ pid: child.pid, actor: 'child-actor' });
    expect(readLock(e.reader())).toBeNull();
  });
});
