import type { VerifyVerdict } from '../../../shared/api/audit.js';
import type { BootstrapResult, SyncResult, SyncSourceState } from '../../../shared/api/sync.js';
import { AppError } from '../../../shared/errors.js';
import { verifyAfter } from '../audit/autoVerify.js';
import { bootstrapFromPublishedData, needsBootstrap, type BootstrapProgress } from '../bootstrap/bootstrap.js';
import type { ReadDb, WriteDb } from '../db/types.js';
import type { Engine } from '../engine.js';
import type { Job } from '../jobs/registry.js';
import { withSyncLock } from '../jobs/syncLock.js';
import { contractCallSource, redactDsn } from '../config.js';
import { engineSourceConfig } from '../settings/effective.js';
import { catchUp, loadStep } from './catchUp.js';
import { listHistoryGaps } from './historyBounds.js';
import { canSyncInWorker, syncInWorker, WorkerStartError } from './syncInWorker.js';
import { readSyncState } from './syncState.js';
import { STEP_NAMES, type LoadTarget, type StepCounts, type StepProgress, type SyncOptions } from './types.js';

export interface RunSyncOptions {
  /** Omitted: the full catch-up. */
  target?: LoadTarget;
  /** Skip the bootstrap even when a data table is empty (sc-audit's `catch-up --fresh`). */
  fresh?: boolean;
  via?: string;
  note?: string;
  actor?: string;
  jobId?: string;
  signal?: AbortSignal;
  /** Also told every progress update (the CLI prints waits). */
  onProgress?: (p: StepProgress) => void;
  /** Told each bootstrap file and each warning (the CLI prints a line per file on stderr). */
  onBootstrap?: (p: BootstrapProgress) => void;
  onWarning?: (message: string) => void;
  http?: SyncOptions['http'];
  /** false: no verify after it (default: the offline checks run as their own operation, see audit/autoVerify.ts). */
  verify?: boolean;
  /** Told the verify's verdict, also when the catch-up itself failed after writing part of its steps. */
  onVerified?: (verdict: VerifyVerdict) => void;
}

/**
 * A catch-up or a single load as the app runs it: under the cross-process sync lock, as a job (progress events,
 * cancellable) and as one recorded operation (who, when, what changed, Horizon's latest ledger). A catch-up on a
 * database with an empty data table first bootstraps from the published dumps, as its own operation.
 */
export function runSync(engine: Engine, opts: RunSyncOptions = {}): Promise<SyncResult> {
  const kind = opts.target ? 'load' : 'catch-up';
  const lockThen = (run: (fn: () => Promise<SyncResult>) => Promise<SyncResult>) =>
    withSyncLock(engine, { purpose: kind, actor: opts.actor }, () => run(() => syncJob(engine, kind, opts)));
  return afterLiveLoad(engine, opts.via, lockThen);
}

/** The catch-up or load itself, as a job (the caller holds the lock). */
function syncJob(engine: Engine, kind: 'load' | 'catch-up', opts: RunSyncOptions): Promise<SyncResult> {
  return engine.jobs.run(kind, { via: opts.via, signal: opts.signal, jobId: opts.jobId, startedBy: opts.actor }, async (job) => {
    let bootstrap: BootstrapResult | null = null;
    let bootstrapError: string | null = null;
    if (!opts.target && !opts.fresh && needsBootstrap(engine.writer())) {
      try {
        bootstrap = await bootstrapInJob(engine, job, engineSourceConfig(engine).scDataUrl, opts);
      } catch (err) {
        if (job.signal.aborted || (err instanceof AppError && err.code === 'CANCELLED')) throw err;
        bootstrapError = err instanceof Error ? err.message : String(err);
        opts.onWarning?.(`bootstrap failed, nothing of it was restored: ${bootstrapError}; catching up from the sources alone`);
      }
    }
    // A catch-up is verified after it; a single load (sc-audit's `load`, its output sc-audit's) is not.
    const verify = async () => {
      const v = opts.target ? null : await verifyAfter(engine, job, kind, opts);
      if (v) opts.onVerified?.(v);
      return v;
    };
    let result: Awaited<ReturnType<typeof syncOperation>>;
    try {
      result = await syncOperation(engine, kind, opts, job);
    } catch (err) {
      // A failed catch-up keeps the steps it finished: those are verified too (the error stays the catch-up's).
      if (!job.signal.aborted && !(err instanceof AppError && err.code === 'CANCELLED')) await verify().catch(() => null);
      if (bootstrapError === null || !(err instanceof AppError)) throw err;
      throw new AppError(err.code, `${err.message} (the bootstrap had failed first: ${bootstrapError})`);
    }
    return { ...result, bootstrap, bootstrapError, verify: await verify() };
  });
}

/** How long a catch-up waits for a live load of this process to let go of the lock (they take a second or so). */
const LIVE_WAIT_MS = 30_000;

/**
 * Runs `take` (which acquires the lock, then calls run(fn)); refused because a live load of this process holds the
 * lock, it is tried again until that load is done: a click on "Catch up" is not refused for a sale arriving.
 */
async function afterLiveLoad<T>(engine: Engine, via: string | undefined, take: (run: (fn: () => Promise<T>) => Promise<T>) => Promise<T>): Promise<T> {
  const until = Date.now() + LIVE_WAIT_MS;
  for (;;) {
    let started = false;
    try {
      return await take((fn) => {
        started = true;
        return fn();
      });
    } catch (err) {
      const busy = err instanceof AppError && err.code === 'SYNC_RUNNING' && !started && via !== 'live' && engine.live?.loading() === true;
      if (!busy || Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function syncOperation(engine: Engine, kind: 'load' | 'catch-up', opts: RunSyncOptions, job: Job): Promise<Omit<SyncResult, 'bootstrap' | 'bootstrapError' | 'verify'>> {
  const config = engineSourceConfig(engine);
  return engine.runOperation(
    {
      kind,
      params: opts.target ? { target: opts.target } : { fresh: opts.fresh === true },
      via: opts.via,
      note: opts.note,
      actor: opts.actor,
      signal: job.signal,
      sourceUrls: [config.horizonUrl, config.verraAssetSearchUrl, config.verraReportUrl, ...indexerUrls(config)],
    },
    async (op) => {
      const db = engine.writer();
      const syncOpts: SyncOptions = {
        signal: job.signal,
        http: opts.http,
        onProgress: (p) => {
          opts.onProgress?.(p);
          job.progress({ step: p.step, done: p.done, total: p.total, message: p.message ?? null }, p.state !== 'running');
        },
      };
      // Off the main thread when possible (see syncInWorker.ts); same steps, same transactions.
      const inThread = () => (opts.target ? loadStep(db, config, opts.target, syncOpts) : catchUp(db, config, syncOpts));
      const counts: Partial<StepCounts> = canSyncInWorker(engine.dbPath, opts.http)
        ? await syncInWorker(
            { dbPath: engine.dbPath, config, target: opts.target ?? null, operationId: op.id, http: opts.http ?? {} },
            { signal: syncOpts.signal, onProgress: syncOpts.onProgress },
          ).catch((err: unknown) => {
            // A worker that could not start ran nothing: do the same work here instead.
            if (err instanceof WorkerStartError) return inThread();
            throw err;
          })
        : await inThread();
      const result = { ...toResult(db, counts, op.id), contractCalls: contractCallSource(config) };
      op.setResult({ counts: Object.fromEntries(result.counts.map((c) => [c.step, c.loaded])), historyGaps: result.historyGaps });
      op.setLatestLedger(result.latestLedger);
      return result;
    },
  );
}

function toResult(db: WriteDb, counts: Partial<StepCounts>, operationId: string): Omit<SyncResult, 'bootstrap' | 'bootstrapError' | 'contractCalls' | 'verify'> {
  const ledgers = readSyncState(db)
    .map((s) => s.latest_ledger)
    .filter((n): n is number => n !== null);
  return {
    counts: STEP_NAMES.filter((s) => counts[s] !== undefined).map((step) => ({ step, loaded: counts[step] ?? 0 })),
    latestLedger: ledgers.length ? Math.max(...ledgers) : null,
    historyGaps: listHistoryGaps(db, operationId),
  };
}

/** The contract-call indexer in use, as the operation log names it (a DSN without its password). */
function indexerUrls(config: ReturnType<typeof engineSourceConfig>): string[] {
  const source = contractCallSource(config);
  if (source === 'obsrvr') return [redactDsn(config.obsrvrFlowDbUri as string)];
  return source === 'mercury' ? [config.retroshadesUrl] : [];
}

export function syncStatus(db: ReadDb): SyncSourceState[] {
  return readSyncState(db).map((s) => ({
    source: s.source,
    cursor: s.cursor,
    lastRunAt: s.last_run_at,
    latestLedger: s.latest_ledger === null ? null : Number(s.latest_ledger),
  }));
}

/** The bootstrap as a step of a job: its progress is the job's ('bootstrap' step), told to the caller too. */
function bootstrapInJob(
  engine: Engine,
  job: Job,
  location: string,
  opts: Pick<RunSyncOptions, 'via' | 'note' | 'actor' | 'http' | 'onBootstrap' | 'onWarning'>,
): Promise<BootstrapResult> {
  return bootstrapFromPublishedData(engine, {
    location,
    via: opts.via,
    note: opts.note,
    actor: opts.actor,
    signal: job.signal,
    http: opts.http,
    onWarning: opts.onWarning,
    onProgress: (p) => {
      opts.onBootstrap?.(p);
      job.progress({ step: 'bootstrap', done: p.done, total: p.total, message: p.message });
    },
  });
}

/** `bootstrap` on its own (CLI `bootstrap [--from]`, the app's sync.bootstrap): under the lock, as a job. */
export function runBootstrap(
  engine: Engine,
  opts: Pick<RunSyncOptions, 'via' | 'note' | 'actor' | 'jobId' | 'signal' | 'http' | 'onBootstrap' | 'onWarning' | 'verify'> & { from?: string },
): Promise<BootstrapResult> {
  return withSyncLock(engine, { purpose: 'bootstrap', actor: opts.actor }, () =>
    engine.jobs.run('bootstrap', { via: opts.via, signal: opts.signal, jobId: opts.jobId, startedBy: opts.actor }, async (job) => {
      const result = await bootstrapInJob(engine, job, opts.from ?? engineSourceConfig(engine).scDataUrl, opts);
      return { ...result, verify: await verifyAfter(engine, job, 'bootstrap', opts) };
    }),
  );
}
