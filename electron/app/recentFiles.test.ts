import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RECENT_CAP } from '../../shared/api/recent.js';
import { dispatch } from '../core/api/dispatch.js';
import { TempEngines } from '../testkit/tempEngines.js';
import { recentFiles, recentHandlers } from './recentFiles.js';

const temp = new TempEngines('sc-recent-');
afterEach(() => temp.cleanUp());

/** A clock that ticks one second per call, so "newest first" is decided by the order of the calls. */
function ticking() {
  let t = Date.parse('2026-12-01T10:00:00Z');
  return () => new Date((t += 1000));
}

describe('recent paths', () => {
  it('keeps the newest first, moves a path chosen again to the top without a duplicate, and persists across opens', () => {
    const file = path.join(temp.dir(), 'recent-paths.json');
    const store = recentFiles(file, { exists: () => true, now: ticking() });
    store.add('backup', '/a/one.sqlite3');
    store.add('dump', '/a/sc-data');
    store.add('backup', '/a/two.sqlite3');
    store.add('backup', '/a/one.sqlite3');
    expect(store.list('backup').map((e) => e.path)).toEqual(['/a/one.sqlite3', '/a/two.sqlite3']);
    expect(store.list().map((e) => `${e.kind}:${e.path}`)).toEqual(['backup:/a/one.sqlite3', 'backup:/a/two.sqlite3', 'dump:/a/sc-data']);
    // Another process (the next launch) reads the same file.
    expect(recentFiles(file, { exists: () => true }).list('dump')).toMatchObject([{ kind: 'dump', path: '/a/sc-data', exists: true }]);
  });

  it(`keeps at most ${RECENT_CAP} per kind, so many exports do not push out the backups`, () => {
    const store = recentFiles(path.join(temp.dir(), 'r.json'), { exists: () => true, now: ticking() });
    store.add('backup', '/a/b.sqlite3');
    for (let i = 0; i < RECENT_CAP + 5; i++) store.add('export', `/a/e${i}.csv`);
    const exports = store.list('export').map((e) => e.path);
    expect(exports).toHaveLength(RECENT_CAP);
    expect(exports[0]).toBe(`/a/e${RECENT_CAP + 4}.csv`);
    expect(exports).not.toContain('/a/e0.csv');
    expect(store.list('backup').map((e) => e.path)).toEqual(['/a/b.sqlite3']);
  });

  it('marks a path that is no longer there as missing (checked on every list)', () => {
    const dir = temp.dir();
    const backup = path.join(dir, 'b.sqlite3');
    fs.writeFileSync(backup, 'x');
    const store = recentFiles(path.join(dir, 'r.json'));
    store.add('backup', backup);
    expect(store.list('backup')).toMatchObject([{ path: backup, exists: true }]);
    fs.rmSync(backup);
    expect(store.list('backup')).toMatchObject([{ path: backup, exists: false }]);
  });

  it('clears one kind or all, and tells its listeners of every change', () => {
    const store = recentFiles(path.join(temp.dir(), 'r.json'), { exists: () => true });
    let changes = 0;
    store.onChange(() => changes++);
    store.add('backup', '/a/b.sqlite3');
    store.add('report', '/a/reports');
    store.clear('backup');
    expect(store.list().map((e) => e.kind)).toEqual(['report']);
    store.clear();
    expect(store.list()).toEqual([]);
    expect(changes).toBe(4);
  });

  it('keeps an unreadable file aside instead of losing it, and starts again', () => {
    const dir = temp.dir();
    const file = path.join(dir, 'recent-paths.json');
    fs.writeFileSync(file, '{"version": 1, "entries": [{"kind": "exe"');
    const store = recentFiles(file, { exists: () => true });
    expect(store.list()).toEqual([]);
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith('recent-paths.json.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!), 'utf8')).toContain('"exe"');
    store.add('dump', '/a/sc-data');
    expect(store.list()).toMatchObject([{ path: '/a/sc-data' }]);
  });

  it("answers the contract's recent.list and recent.clear, validating the kind", async () => {
    const store = recentFiles(path.join(temp.dir(), 'r.json'), { exists: (p) => p !== '/gone', now: ticking() });
    store.add('dump', '/gone');
    store.add('dump', '/a/sc-data');
    const handlers = recentHandlers(store) as never;
    expect(await dispatch(handlers, 'recent.list', { kind: 'dump' }, { via: 'test' })).toMatchObject({
      ok: true,
      value: { entries: [{ path: '/a/sc-data', exists: true }, { path: '/gone', exists: false }] },
    });
    expect(await dispatch(handlers, 'recent.list', { kind: 'keys' }, { via: 'test' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    store.add('dump', '/a/other');
    // Picked again from a recent list: back to the top; a path not listed (or gone) is refused.
    expect(await dispatch(handlers, 'recent.touch', { kind: 'dump', path: '/a/sc-data' }, { via: 'test' })).toMatchObject({ ok: true, value: { entries: [{ path: '/a/sc-data' }, { path: '/a/other' }, { path: '/gone' }] } });
    for (const path of ['/etc/passwd', '/gone']) {
      expect(await dispatch(handlers, 'recent.touch', { kind: 'dump', path }, { via: 'test' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(await dispatch(handlers, 'recent.clear', {}, { via: 'test' })).toEqual({ ok: true, value: { entries: [] } });
  });
});
