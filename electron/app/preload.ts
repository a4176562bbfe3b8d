import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL, ipcChannel, isMethodName } from '../../shared/contract.js';
import { isEventName } from '../../shared/events.js';

/**
 * The page gets exactly two functions: invoke a contract method, and subscribe to a contract event.
 * No raw ipcRenderer, no Node. Bundled into one file because sandboxed preloads cannot require local modules.
 */
contextBridge.exposeInMainWorld('scApi', {
  invoke(name: unknown, params: unknown) {
    if (!isMethodName(name)) {
      return Promise.resolve({ ok: false, error: { code: 'BAD_INPUT', message: `Unknown method: ${String(name)}` } });
    }
    return ipcRenderer.invoke(ipcChannel(name), params);
  },
  on(event: unknown, cb: unknown) {
    if (!isEventName(event) || typeof cb !== 'function') throw new Error(`Unknown event: ${String(event)}`);
    const listener = (_e: unknown, msg: { event: string; payload: unknown }) => {
      if (msg.event === event) (cb as (payload: unknown) => void)(msg.payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, listener);
    };
  },
});
