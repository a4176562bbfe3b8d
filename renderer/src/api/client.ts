import { AppError } from '../../../shared/errors';
import type { EventMap, EventName } from '../../../shared/events';
import type { MethodName, ParamsIn, Result } from '../../../shared/contract';
import { transport } from './transport';

/** The typed renderer client: `await api.call('app.info', {})` returns the method's result or throws AppError. */
export const api = {
  async call<K extends MethodName>(name: K, params: ParamsIn<K>): Promise<Result<K>> {
    const envelope = await transport.invoke(name, params);
    if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message);
    return envelope.value as Result<K>;
  },
  on<E extends EventName>(event: E, cb: (payload: EventMap[E]) => void): () => void {
    const off = transport.on(event, cb);
    if (event !== 'data.changed') return off;
    const local = cb as (payload: EventMap['data.changed']) => void;
    localRefresh.add(local);
    return () => {
      off();
      localRefresh.delete(local);
    };
  },
};

const localRefresh = new Set<(payload: EventMap['data.changed']) => void>();

/**
 * Tells every view of this window to refresh, as a 'data.changed' event would. Used when a job that writes
 * finishes, so the views are current even if the engine's event was missed (e.g. the event stream reconnected).
 */
export function refreshAllViews(): void {
  for (const cb of [...localRefresh]) cb({ tables: [] });
}

/** One line for the user: the stable code and the message that names the record and step. */
export function errorText(err: unknown): { code: string; message: string } {
  const e = err as { code?: string; message?: string } | null;
  return { code: e?.code ?? 'INTERNAL', message: e?.message ?? String(err) };
}
