import type { MethodName, ParamsIn, Result } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { EventMap, EventName } from '../../../shared/events';
import { transport } from './transport';

/** The typed renderer client: `await api.call('app.info', {})` returns the method's result or throws AppError. */
export const api = {
  async call<K extends MethodName>(name: K, params: ParamsIn<K>): Promise<Result<K>> {
    const envelope = await transport.invoke(name, params);
    if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message);
    return envelope.value as Result<K>;
  },
  on<E extends EventName>(event: E, cb: (payload: EventMap[E]) => void): () => void {
    return transport.on(event, cb);
  },
};
