import { useState } from 'react';
import { errorText } from '../api/client';

/** One API call a button starts: busy while it runs, then its result or its error (the last call's only). */
export function useCall<T>(): {
  busy: boolean;
  result: T | null;
  error: { code: string; message: string } | null;
  run: (call: () => Promise<T>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  async function run(call: () => Promise<T>) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await call());
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return { busy, result, error, run };
}
