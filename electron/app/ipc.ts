import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, METHOD_NAMES, ipcChannel } from '../../shared/contract.js';
import type { Envelope } from '../../shared/errors.js';
import type { EventMap, EventName } from '../../shared/events.js';
import { dispatch } from '../core/api/dispatch.js';
import type { Handlers } from '../core/api/handlerTypes.js';
import type { Engine } from '../core/engine.js';
import { APP_ORIGIN } from './appProtocol.js';

/** A call is answered only when it comes from our own bundle's top frame, never from an embedded or foreign page. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN || frame.url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}

/** One `ipcMain.handle` per contract method, each going through the same validating dispatcher. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: Handlers,
  trusted: (event: IpcMainInvokeEvent) => boolean = isTrustedSender,
): void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, params: unknown): Promise<Envelope<unknown>> => {
      if (!trusted(event)) return { ok: false, error: { code: 'FORBIDDEN', message: 'IPC call from an untrusted frame' } };
      return dispatch(handlers, name, params, { via: 'ipc' });
    });
  }
}

/** Pushes one contract event to a window on the one event channel (the preload's `on` delivers it). */
export function sendEvent<E extends EventName>(contents: Pick<WebContents, 'send' | 'isDestroyed'>, event: E, payload: EventMap[E]): void {
  if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, { event, payload });
}

/** Forwards the engine's event stream to a window; stops when the window goes away. */
export function forwardEvents(engine: Engine, contents: Pick<WebContents, 'send' | 'isDestroyed' | 'once'>): () => void {
  const off = engine.events.onAny((event, payload) => sendEvent(contents, event, payload));
  contents.once('destroyed', off);
  return off;
}
