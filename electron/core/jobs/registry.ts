import { randomUUID } from 'node:crypto';
import type { JobInfo } from '../../../shared/api/jobs.js';
import { AppError } from '../../../shared/errors.js';
import type { JobProgress, JobState } from '../../../shared/events.js';
import { resolveActor } from '../audit/operationLog.js';
import type { EventHub } from '../eventHub.js';

/**
 * The job registry: every long job (catch-up, export, backup, verify) runs through `run`, which gives it an id,
 * an AbortController the UI can trigger through 'jobs.cancel', and throttled 'job.progress' events.
 * One registry per Engine (`engine.jobs`), so the CLI, `serve`, Electron and each test have their own.
 */

export interface JobOptions {
  /** The actor; defaults as in the operation log (SC_ACTOR / OS user). */
  startedBy?: string;
  via?: string;
  /** The caller's signal (e.g. the HTTP request closing): aborting it cancels the job too. */
  signal?: AbortSignal;
  /** A client-chosen id, so the UI can cancel before the call returns. Must be unique among live jobs. */
  jobId?: string;
}

export interface ProgressUpdate {
  step?: string;
  done?: number;
  total?: number | null;
  message?: string | null;
}

/** Progress events at most this often per job (a final or step-changing event always goes out). */
const EMIT_INTERVAL_MS = 200;
/** Finished jobs kept for jobs.list, so the UI can show how the last ones ended. */
const KEEP_FINISHED = 20;

export class Job {
  readonly controller = new AbortController();
  private lastEmit = 0;

  constructor(
    readonly info: JobInfo,
    private readonly emitFn: (p: JobProgress) => void,
  ) {}

  get id(): string {
    return this.info.jobId;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Records progress; emits when due (throttled) or when the step changes. */
  progress(update: ProgressUpdate, force = false): void {
    const stepChanged = update.step !== undefined && update.step !== this.info.step;
    if (update.step !== undefined) this.info.step = update.step;
    if (update.done !== undefined) this.info.done = update.done;
    if (update.total !== undefined) this.info.total = update.total;
    if (update.message !== undefined) this.info.message = update.message;
    const now = Date.now();
    if (force || stepChanged || now - this.lastEmit >= EMIT_INTERVAL_MS) {
      this.lastEmit = now;
      this.emit();
    }
  }

  /** Throws CANCELLED once cancel was asked: call between units of work. */
  throwIfCancelled(): void {
    if (this.signal.aborted) throw cancelledError(this.info.kind, this.signal);
  }

  emit(): void {
    const i = this.info;
    this.emitFn({
      jobId: i.jobId,
      kind: i.kind,
      step: i.step,
      done: i.done,
      total: i.total,
      state: i.state,
      ...(i.message != null ? { message: i.message } : {}),
    });
  }
}

function cancelledError(kind: string, signal: AbortSignal): AppError {
  return signal.reason instanceof AppError ? signal.reason : new AppError('CANCELLED', `The ${kind} was cancelled.`);
}

function isCancellation(err: unknown, signal: AbortSignal): boolean {
  if (err instanceof AppError) return err.code === 'CANCELLED';
  return signal.aborted || (err as { name?: unknown })?.name === 'AbortError';
}

export class JobRegistry {
  private readonly live = new Map<string, Job>();
  private finished: JobInfo[] = [];

  constructor(private readonly events: EventHub) {}

  /** Runs fn as a job; its outcome (done, failed, cancelled) is emitted and kept for jobs.list. */
  async run<T>(kind: string, opts: JobOptions, fn: (job: Job) => T | Promise<T>): Promise<T> {
    const jobId = opts.jobId ?? randomUUID();
    if (this.live.has(jobId)) throw new AppError('BAD_INPUT', `A job with id ${jobId} is already running.`);
    const job = new Job(
      {
        jobId,
        kind,
        state: 'running',
        step: kind,
        done: 0,
        total: null,
        message: null,
        startedAt: new Date().toISOString(),
        finishedAt: null,
        startedBy: resolveActor(opts.startedBy),
        via: opts.via ?? 'unknown',
        error: null,
      },
      (p) => this.events.emit('job.progress', p),
    );
    const outer = opts.signal;
    const onOuterAbort = () => job.controller.abort(new AppError('CANCELLED', `The ${kind} was cancelled: the caller went away.`));
    if (outer?.aborted) onOuterAbort();
    else outer?.addEventListener('abort', onOuterAbort, { once: true });
    this.live.set(jobId, job);
    job.progress({}, true);
    try {
      const value = await fn(job);
      this.settle(job, 'done', null);
      return value;
    } catch (err) {
      const cancelled = isCancellation(err, job.signal);
      this.settle(job, cancelled ? 'cancelled' : 'failed', err instanceof Error ? err.message : String(err));
      throw cancelled && !(err instanceof AppError) ? cancelledError(kind, job.signal) : err;
    } finally {
      outer?.removeEventListener('abort', onOuterAbort);
    }
  }

  private settle(job: Job, state: JobState, error: string | null): void {
    job.info.state = state;
    job.info.error = error;
    job.info.finishedAt = new Date().toISOString();
    if (error && job.info.message == null) job.info.message = error;
    this.live.delete(job.id);
    this.finished = [job.info, ...this.finished].slice(0, KEEP_FINISHED);
    job.emit();
  }

  /** Running jobs (oldest first), then finished ones (newest first). Copies, so callers cannot mutate state. */
  list(): JobInfo[] {
    return [...[...this.live.values()].map((j) => j.info), ...this.finished].map((i) => ({ ...i }));
  }

  get(jobId: string): Job | undefined {
    return this.live.get(jobId);
  }

  /** Asks a running job to stop; it ends as 'cancelled' when it next checks its signal. */
  cancel(jobId: string, reason = 'cancelled by the user'): boolean {
    const job = this.live.get(jobId);
    if (!job || job.signal.aborted) return false;
    job.controller.abort(new AppError('CANCELLED', `The ${job.info.kind} was ${reason}.`));
    job.progress({ message: 'cancelling…' }, true);
    return true;
  }
}
