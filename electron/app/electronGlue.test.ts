import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, ipcChannel } from '../../shared/contract.js';
import { createHandlers } from '../core/api/handlers.js';
import { Engine } from '../core/engine.js';
import { APP_START_URL } from './appProtocol.js';
import { isTrustedSender, registerIpcHandlers } from './ipc.js';
import { denyAllPermissions, installNavigationGuards, isSafeExternalUrl } from './navigationGuards.js';
import { windowOptions } from './windowOptions.js';

type Listener = (...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return { handlers, handle: (channel: string, fn: Listener) => handlers.set(channel, fn) };
}

function frameEvent(url: string, parent: unknown = null) {
  return { senderFrame: { url, parent } } as unknown as IpcMainInvokeEvent;
}

describe('window options', () => {
  it('turns on every isolation the app relies on', () => {
    const prefs = windowOptions('/x/preload.cjs').webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/x/preload.cjs');
  });
});

describe('IPC registration', () => {
  const engine = new Engine(':memory:');
  const ipc = fakeIpcMain();
  registerIpcHandlers(ipc as never, createHandlers(engine));

  it('registers exactly one handler per contract method', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort());
  });

  it('answers our own top frame', async () => {
    const res = (await ipc.handlers.get(ipcChannel('app.info'))!(frameEvent(APP_START_URL), {})) as { ok: boolean };
    expect(res.ok).toBe(true);
  });

  it('rejects invalid params before the handler runs', async () => {
    const res = (await ipc.handlers.get(ipcChannel('app.info'))!(frameEvent(APP_START_URL), { bogus: 1 })) as {
      ok: boolean;
      error: { code: string };
    };
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('refuses foreign origins and sub-frames', async () => {
    for (const event of [frameEvent('https://evil.example/'), frameEvent(APP_START_URL, { url: APP_START_URL }), { senderFrame: null }]) {
      const res = await ipc.handlers.get(ipcChannel('app.info'))!(event, {});
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('trusts only the bundle origin', () => {
    expect(isTrustedSender(frameEvent(APP_START_URL))).toBe(true);
    expect(isTrustedSender(frameEvent('file:///etc/passwd'))).toBe(false);
    expect(isTrustedSender(frameEvent('app://other/index.html'))).toBe(false);
  });
});

describe('navigation guards', () => {
  function fakeContents() {
    const on = new Map<string, Listener>();
    let openHandler: Listener = () => undefined;
    return {
      on: (name: string, fn: Listener) => on.set(name, fn),
      setWindowOpenHandler: (fn: Listener) => (openHandler = fn),
      fire: (name: string, url: string) => {
        const event = { preventDefault: vi.fn() };
        on.get(name)!(event, url);
        return event.preventDefault.mock.calls.length > 0;
      },
      open: (url: string) => openHandler({ url }),
    };
  }

  it('blocks navigation away from the bundle and opens only https links externally', () => {
    const contents = fakeContents();
    const shell = { openExternal: vi.fn(() => Promise.resolve()) };
    installNavigationGuards(contents as never, shell);
    expect(contents.fire('will-navigate', 'https://stellar.expert/explorer/public/tx/abc')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://stellar.expert/explorer/public/tx/abc');
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', 'http://insecure.example/')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(contents.fire('will-navigate', `${APP_START_URL}#/overview`)).toBe(false);
  });

  it('never opens a new window', () => {
    const contents = fakeContents();
    const shell = { openExternal: vi.fn(() => Promise.resolve()) };
    installNavigationGuards(contents as never, shell);
    expect(contents.open('https://registry.verra.org/')).toEqual({ action: 'deny' });
    expect(contents.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('allows only https external URLs', () => {
    expect(isSafeExternalUrl('https://example.org/x')).toBe(true);
    for (const bad of ['http://example.org', 'file:///x', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.org', 'not a url']) {
      expect(isSafeExternalUrl(bad)).toBe(false);
    }
  });

  it('denies every permission request and check', () => {
    let request: Listener = () => undefined;
    let check: Listener = () => true;
    denyAllPermissions({ setPermissionRequestHandler: (fn: Listener) => (request = fn), setPermissionCheckHandler: (fn: Listener) => (check = fn) } as never);
    const callback = vi.fn();
    request({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check({}, 'notifications')).toBe(false);
  });
});
