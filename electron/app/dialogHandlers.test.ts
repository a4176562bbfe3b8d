import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract.js';
import { createHandlers } from '../core/api/handlers.js';
import { dispatch } from '../core/api/dispatch.js';
import { Engine } from '../core/engine.js';
import { dialogHandlers } from './dialogHandlers.js';

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
