import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../shared/errors.js';

/**
 * Long work (a catch-up's steps, verify's checks) in a worker thread with its own database connection, so the
 * app's main thread (Electron's main process, `serve`) stays free to answer other calls meanwhile. The worker
 * script (workerPort.ts on its side) posts 'started', progress, and one 'done' or 'error'.
 */
export type WorkerMessage<P, T> =
  | { type: 'started' }
  | { type: 'progress'; progress: P }
  | { type: 'done'; value: T }
  | { type: 'error'; code: ErrorCode; message: string };

export interface WorkerEntry {
  file: string;
  eval: boolean;
}

/** A worker's entry: compiled JavaScript in `dir`, or, running from TypeScript sources, via tsx (null: neither). */
export function workerEntry(dir: string, base: string): WorkerEntry | null {
  const js = path.join(dir, `${base}.js`);
  if (fs.existsSync(js)) return { file: js, eval: false };
  const ts = path.join(dir, `${base}.ts`);
  if (!fs.existsSync(ts)) return null;
  try {
    const api = require.resolve('tsx/cjs/api');
    return { file: `require(${JSON.stringify(api)}).register(); require(${JSON.stringify(ts)});`, eval: true };
  } catch {
    return null;
  }
}

/** The worker could not start (e.g. a packaged app whose archive a worker cannot load from): nothing ran yet. */
export class WorkerStartError extends Error {}

/**
 * Runs `entry` with `data`; on abort asks it to stop (or, `readOnly`, terminates it); resolves with its 'done'
 * value. `what` names it in errors.
 */
export function runInWorker<P, T>(
  entry: WorkerEntry | null,
  data: unknown,
  opts: {
    what: string;
    signal?: AbortSignal;
    onProgress?: (p: P) => void;
    /** It only reads (verify): a cancel stops it at once, rather than asking it to stop between units of work. */
    readOnly?: boolean;
  },
): Promise<T> {
  if (!entry) return Promise.reject(new AppError('INTERNAL', `${opts.what}: the worker script is missing`));
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry.file, { eval: entry.eval, workerData: data });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      // The worker's open sockets (keep-alive) would keep it, and so the CLI process, alive after the result.
      void worker.terminate();
      fn();
    };
    const onAbort = () => {
      if (!opts.readOnly) return worker.postMessage({ type: 'cancel' });
      const reason = opts.signal?.reason;
      finish(() => reject(reason instanceof AppError ? reason : new AppError('CANCELLED', `The ${opts.what} was cancelled.`)));
    };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    // Until the worker says it started, a failure means its script could not load: nothing ran.
    let started = false;
    worker.on('message', (m: WorkerMessage<P, T>) => {
      if (m.type === 'started') started = true;
      else if (m.type === 'progress') opts.onProgress?.(m.progress);
      else if (m.type === 'done') finish(() => resolve(m.value));
      else finish(() => reject(new AppError(m.code, m.message)));
    });
    worker.on('error', (err) =>
      finish(() => reject(started ? new AppError('INTERNAL', `${opts.what} worker: ${err.message}`) : new WorkerStartError(err.message))),
    );
    worker.on('exit', (code) =>
      finish(() => reject(started ? new AppError('INTERNAL', `${opts.what} worker exited (${code}) before finishing`) : new WorkerStartError(`exit ${code}`))),
    );
  });
}
