import { parentPort, workerData } from 'node:worker_threads';
import { AppError, toApiError } from '../../../shared/errors.js';
import type { WorkerMessage } from './inWorker.js';

/**
 * The worker side of inWorker.ts: says it started, runs `main` with the worker's data, a signal the parent's
 * 'cancel' aborts and a progress reporter, then posts the value or the error.
 */
export function serveWorker<D, P, T>(what: string, main: (data: D, signal: AbortSignal, progress: (p: P) => void) => Promise<T> | T): void {
  const port = parentPort;
  if (!port) throw new Error(`${what} runs only as a worker thread`);
  const controller = new AbortController();
  port.on('message', (m: { type: 'cancel' }) => {
    if (m.type === 'cancel') controller.abort(new AppError('CANCELLED', `The ${what} was cancelled`));
  });
  const post = (m: WorkerMessage<P, T>) => port.postMessage(m);
  post({ type: 'started' });
  Promise.resolve()
    .then(() => main(workerData as D, controller.signal, (progress) => post({ type: 'progress', progress })))
    .then(
      (value) => post({ type: 'done', value }),
      (err: unknown) => {
        const e = toApiError(err);
        post({ type: 'error', code: e.code, message: e.message });
      },
    );
}
