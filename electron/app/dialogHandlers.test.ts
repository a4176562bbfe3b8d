import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract.js';
import { createHandlers } from '../core/api/handlers.js';
import { dispatch } from '../core/api/dispatch.js';
import { Engine } from '../core/engine.js';
import { TempEngines } from '../testkit/tempEngines.js';
import { dialogHandlers } from './dialogHandlers.js';
import { recentFiles, recentHandlers } from './recentFiles.js';

describe('dialog.saveFile', () => {
  it('is NOT_FOUND outside the desktop app', async () => {
    const engine = new Engine(':memory:');
    const res = await dispatch(createHandlers(engine), 'dialog.saveFile', {}, { via: 'test' });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/only in the desktop app/) } });
    engine.close();
  });

  it('asks the native dialog in the app, keeping one handler per method', async () => {
    const engine = new Engine(':memory:');
    const calls: unknown[] = [];
    const dialog = {
      showSaveDialog: (...args: unknown[]) => {
        calls.push(args.at(-1));
        return Promise.resolve({ canceled: false, filePath: '/home/a/Documents/x.csv' });
      },
    };
    const handlers = { ...createHandlers(engine), ...dialogHandlers(dialog as never, () => null, '/home/a/Documents') };
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
    const res = await dispatch(handlers, 'dialog.saveFile', { defaultName: '../../etc/x.csv', format: 'csv' }, { via: 'test' });
    expect(res).toEqual({ ok: true, value: { path: '/home/a/Documents/x.csv' } });
    // A proposed name never escapes the documents folder.
    expect(calls[0]).toMatchObject({ defaultPath: path.join('/home/a/Documents', 'x.csv'), filters: [{ name: 'CSV', extensions: ['csv'] }] });
    dialog.showSaveDialog = () => Promise.resolve({ canceled: true, filePath: '' });
    expect(await dispatch(handlers, 'dialog.saveFile', {}, { via: 'test' })).toEqual({ ok: true, value: { path: null } });
    engine.close();
  });
});

describe('dialog.openPath', () => {
  it('is NOT_FOUND outside the desktop app, so the page keeps its text field', async () => {
    const engine = new Engine(':memory:');
    const res = await dispatch(createHandlers(engine), 'dialog.openPath', { kind: 'folder' }, { via: 'test' });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/only in the desktop app/) } });
    engine.close();
  });

  it('opens a folder or a backup file in the native dialog and returns only what the user chose', async () => {
    const engine = new Engine(':memory:');
    const calls: unknown[] = [];
    let answer = { canceled: false, filePaths: ['/home/a/sc-data'] };
    const dialog = {
      showSaveDialog: () => Promise.resolve({ canceled: true, filePath: '' }),
      showOpenDialog: (...args: unknown[]) => {
        calls.push(args.at(-1));
        return Promise.resolve(answer);
      },
    };
    const handlers = { ...createHandlers(engine), ...dialogHandlers(dialog as never, () => null, '/home/a/Documents') };
    expect(await dispatch(handlers, 'dialog.openPath', { kind: 'folder' }, { via: 'test' })).toEqual({ ok: true, value: { path: '/home/a/sc-data' } });
    expect(calls[0]).toMatchObject({ properties: ['openDirectory'], defaultPath: '/home/a/Documents' });
    answer = { canceled: false, filePaths: ['/home/a/b.sqlite3'] };
    expect(await dispatch(handlers, 'dialog.openPath', { kind: 'sqlite', title: 'Apply' }, { via: 'test' })).toEqual({ ok: true, value: { path: '/home/a/b.sqlite3' } });
    expect(calls[1]).toMatchObject({ title: 'Apply', properties: ['openFile'], filters: [{ name: 'SQLite database', extensions: ['sqlite3', 'sqlite', 'db'] }] });
    answer = { canceled: true, filePaths: [] };
    expect(await dispatch(handlers, 'dialog.openPath', { kind: 'folder' }, { via: 'test' })).toEqual({ ok: true, value: { path: null } });
    expect((await dispatch(handlers, 'dialog.openPath', { kind: 'exe' }, { via: 'test' })).ok).toBe(false);
    engine.close();
  });
});

describe('recent paths through the dialogs', () => {
  const temp = new TempEngines('sc-dialog-recent-');
  afterEach(() => temp.cleanUp());

  it('is NOT_FOUND outside the desktop app', async () => {
    const engine = new Engine(':memory:');
    const res = await dispatch(createHandlers(engine), 'recent.list', {}, { via: 'test' });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/desktop app/) } });
    engine.close();
  });

  it("remembers what the user chose under the dialog's kind, opens the next dialog beside it, and adds files to the OS's recent documents", async () => {
    const engine = new Engine(':memory:');
    const store = recentFiles(path.join(temp.dir(), 'recent-paths.json'), { exists: (p) => !p.includes('gone') });
    const documents: string[] = [];
    const asked: { defaultPath?: string }[] = [];
    let open = { canceled: false, filePaths: ['/home/a/backups/b1.sqlite3'] };
    const dialog = {
      showOpenDialog: (...args: unknown[]) => (asked.push(args.at(-1) as never), Promise.resolve(open)),
      showSaveDialog: (...args: unknown[]) => (asked.push(args.at(-1) as never), Promise.resolve({ canceled: false, filePath: '/home/a/exports/sinks.csv' })),
    };
    const handlers = {
      ...createHandlers(engine),
      ...dialogHandlers(dialog as never, () => null, '/home/a/Documents', { store, addRecentDocument: (f) => documents.push(f) }),
      ...recentHandlers(store),
    };
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
    const call = (name: 'dialog.openPath' | 'dialog.saveFile', params: object) => dispatch(handlers, name, params, { via: 'test' });

    await call('dialog.openPath', { kind: 'sqlite', recent: 'backup' });
    expect(asked[0]?.defaultPath).toBe('/home/a/Documents');
    await call('dialog.openPath', { kind: 'sqlite', recent: 'backup' });
    expect(asked[1]?.defaultPath).toBe('/home/a/backups');
    open = { canceled: false, filePaths: ['/home/a/sc-data'] };
    await call('dialog.openPath', { kind: 'folder', recent: 'dump' });
    await call('dialog.saveFile', { defaultName: 'sinks.csv', format: 'csv', recent: 'export' });
    // Without a kind nothing is remembered; a cancelled dialog remembers nothing either.
    await call('dialog.openPath', { kind: 'folder' });
    open = { canceled: true, filePaths: [] };
    await call('dialog.openPath', { kind: 'folder', recent: 'report' });

    expect((await dispatch(handlers, 'recent.list', {}, { via: 'test' })).ok).toBe(true);
    expect(store.list().map((e) => `${e.kind}:${e.path}`).sort()).toEqual(['backup:/home/a/backups/b1.sqlite3', 'dump:/home/a/sc-data', 'export:/home/a/exports/sinks.csv']);
    // Folders are not documents.
    expect(documents).toEqual(['/home/a/backups/b1.sqlite3', '/home/a/backups/b1.sqlite3', '/home/a/exports/sinks.csv']);

    // A last path that is gone is not where the next dialog opens.
    store.add('report', '/home/a/gone/reports');
    open = { canceled: true, filePaths: [] };
    await call('dialog.openPath', { kind: 'folder', recent: 'report' });
    expect(asked.at(-1)?.defaultPath).toBe('/home/a/Documents');
    engine.close();
  });
});
