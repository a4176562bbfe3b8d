import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, HTTP_TOKEN_HEADER } from '../../../shared/contract';
import type { Envelope } from '../../../shared/errors';
import type { EventMap, EventName } from '../../../shared/events';

/** What the preload exposes in Electron, and what the HTTP bridge offers in a browser: the same two calls. */
export interface Transport {
  invoke(name: string, params: unknown): Promise<Envelope<unknown>>;
  on<E extends EventName>(event: E, cb: (payload: EventMap[E]) => void): () => void;
}

declare global {
  interface Window {
    scApi?: Transport;
  }
}

const TOKEN_KEY = 'sc-api-token';

/** The bridge prints a URL with ?token=…; keep it for this tab so hash navigation and reloads keep working. */
export function bridgeToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpTransport(): Transport {
  const token = bridgeToken();
  let source: EventSource | undefined;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  function ensureEvents(): void {
    if (source) return;
    source = new EventSource(`${HTTP_EVENTS_PATH}?token=${encodeURIComponent(token)}`);
    source.onmessage = (msg: MessageEvent<string>) => {
      const { event, payload } = JSON.parse(msg.data) as { event: string; payload: unknown };
      listeners.get(event)?.forEach((cb) => cb(payload));
    };
  }

  return {
    async invoke(name, params) {
      try {
        const res = await fetch(`${HTTP_API_PREFIX}${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: token },
          body: JSON.stringify(params ?? {}),
        });
        return (await res.json()) as Envelope<unknown>;
      } catch (err) {
        return { ok: false, error: { code: 'INTERNAL', message: `The app's server did not answer: ${(err as Error).message}` } };
      }
    },
    on(event, cb) {
      ensureEvents();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const listener = cb as (payload: unknown) => void;
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

/** Electron's preload bridge when present, the HTTP bridge otherwise. */
export const transport: Transport = window.scApi ?? httpTransport();

/** True in the desktop app (native dialogs), false in a browser tab on `serve` (downloads). */
export const inElectron: boolean = window.scApi !== undefined;
