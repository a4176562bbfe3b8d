import { EVENT_NAMES, type EventMap, type EventName } from '../../shared/events.js';

type Listener<E extends EventName> = (payload: EventMap[E]) => void;

/** The one event stream: the engine emits here; IPC and the HTTP bridge forward to windows and tabs. */
export class EventHub {
  private listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  /** Any event, for bridges that forward everything. */
  onAny(listener: <E extends EventName>(event: E, payload: EventMap[E]) => void): () => void {
    const offs = EVENT_NAMES.map((e) => this.on(e, (p) => listener(e, p)));
    return () => offs.forEach((off) => off());
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        l(payload);
      } catch {
        // A failing listener (e.g. a closed window) must not stop the job or other listeners.
      }
    }
  }
}
