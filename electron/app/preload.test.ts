import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, ipcChannel } from '../../shared/contract.js';

// A stubbed `electron` module: the preload must expose only the contract's invoke/on, nothing raw.
const exposed: Record<string, unknown> = {};
const ipcRenderer = {
  invoke: vi.fn((channel: string, params: unknown) => Promise.resolve({ channel, params })),
  on: vi.fn(),
  removeListener: vi.fn(),
};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer,
}));

type Bridge = { invoke(name: unknown, params: unknown): Promise<unknown>; on(event: unknown, cb: unknown): () => void };

describe('preload bridge', () => {
  let bridge: Bridge;
  beforeAll(async () => {
    await import('./preload.js');
    bridge = exposed.scApi as Bridge;
  });

  it('exposes exactly invoke and on', () => {
    expect(Object.keys(exposed)).toEqual(['scApi']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract methods on their derived channel', async () => {
    await expect(bridge.invoke('app.info', {})).resolves.toEqual({ channel: ipcChannel('app.info'), params: {} });
  });

  it('refuses names outside the contract without touching IPC', async () => {
    ipcRenderer.invoke.mockClear();
    await expect(bridge.invoke('fs.readFile', {})).resolves.toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
    expect(() => bridge.on('anything', () => undefined)).toThrow(/Unknown event/);
  });

  it('delivers only the subscribed event and unsubscribes', () => {
    const cb = vi.fn();
    const off = bridge.on('job.progress', cb);
    const listener = ipcRenderer.on.mock.calls.at(-1)![1] as (e: unknown, msg: unknown) => void;
    expect(ipcRenderer.on.mock.calls.at(-1)![0]).toBe(IPC_EVENT_CHANNEL);
    listener({}, { event: 'data.changed', payload: { tables: [] } });
    listener({}, { event: 'job.progress', payload: { step: 'x' } });
    expect(cb).toHaveBeenCalledTimes(1);
    off();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, listener);
  });
});
