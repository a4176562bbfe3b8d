import { useCallback, useEffect, useState } from 'react';
import type { MethodName, ParamsIn, Result } from '../../../shared/contract';
import { api } from '../api/client';

export type Loadable<T> = { state: 'loading' } | { state: 'error'; message: string; code: string } | { state: 'ready'; value: T };

/**
 * Calls a method and re-calls it when its params change or when the engine says data changed.
 * Params are compared by their JSON so callers can pass object literals. While a reload runs, the last value
 * stays on screen (no layout jump); `null` params skip the call.
 */
export function useApi<K extends MethodName>(name: K, params: ParamsIn<K> | null): [Loadable<Result<K>>, () => void] {
  const key = params === null ? null : JSON.stringify(params);
  const [result, setResult] = useState<Loadable<Result<K>>>({ state: 'loading' });
  const [nonce, setNonce] = useState(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => api.on('data.changed', reload), [reload]);

  useEffect(() => {
    if (key === null) return;
    let live = true;
    api
      .call(name, JSON.parse(key) as ParamsIn<K>)
      .then((value) => live && setResult({ state: 'ready', value }))
      .catch((err: { code?: string; message?: string }) => {
        if (live) setResult({ state: 'error', code: err.code ?? 'INTERNAL', message: err.message ?? String(err) });
      });
    return () => {
      live = false;
    };
  }, [name, key, nonce]);

  return [result, reload];
}
