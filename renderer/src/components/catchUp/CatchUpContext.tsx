import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { api, errorText, refreshAllViews } from '../../api/client';
import type { SyncResult } from '../../../../shared/api/sync';
import { CATCH_UP_KIND, type CatchUpView, IDLE, foldProgress, isActive } from './catchUpState';

export interface CatchUpApi {
  view: CatchUpView;
  /** The outcome of the last catch-up started here. */
  outcome: { kind: 'ok'; result: SyncResult } | { kind: 'error'; code: string; message: string } | null;
  /** Why the button is disabled, or null when a catch-up can start. */
  blockedReason: string | null;
  /**
   * Starts a catch-up. On a database with an empty table it first bootstraps from the published dumps
   * (SC_DATA_URL); `fresh` skips that and loads everything from Horizon and Verra.
   */
  start: (opts?: { fresh?: boolean }) => void;
  /** Starts again with the options of the last start (a failed "sources only" run retries as one). */
  retry: () => void;
  cancel: () => void;
  dismiss: () => void;
}

const Ctx = createContext<CatchUpApi | null>(null);

function newJobId(): string {
  return `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * One catch-up state for the whole window: the nav button, the welcome screen and the Overview share it.
 * Progress comes from 'job.progress' events (also of catch-ups started elsewhere, e.g. another tab); at start
 * 'jobs.list' tells whether one is already running. Views refresh themselves on 'data.changed'.
 */
export function CatchUpProvider({ children }: { children: React.ReactNode }) {
  const [view, setView] = useState<CatchUpView>(IDLE);
  const [outcome, setOutcome] = useState<CatchUpApi['outcome']>(null);
  const [ownRunning, setOwnRunning] = useState(false);
  const ownJob = useRef<string | null>(null);
  const lastOpts = useRef<{ fresh?: boolean }>({});

  useEffect(
    () =>
      api.on('job.progress', (p) => {
        setView((v) => foldProgress(v, p));
        // A catch-up started elsewhere (another tab, the CLI through this server) finished: show its rows.
        if (p.kind === CATCH_UP_KIND && p.jobId !== ownJob.current && (p.state === 'done' || p.state === 'failed' || p.state === 'cancelled')) refreshAllViews();
      }),
    [],
  );

  useEffect(() => {
    let live = true;
    api
      .call('jobs.list', {})
      .then((jobs) => {
        const running = jobs.find((j) => j.kind === CATCH_UP_KIND && isActive(j.state));
        if (live && running) {
          setView((v) =>
            foldProgress(v, { jobId: running.jobId, kind: running.kind, step: running.step, done: running.done, total: running.total, state: running.state, ...(running.message ? { message: running.message } : {}) }),
          );
        }
      })
      .catch(() => {
        // Older servers have no jobs.list: progress events still show a running catch-up.
      });
    return () => {
      live = false;
    };
  }, []);

  const start = useCallback((opts: { fresh?: boolean } = {}) => {
    const jobId = newJobId();
    ownJob.current = jobId;
    lastOpts.current = opts;
    setOwnRunning(true);
    setOutcome(null);
    setView({ jobId, steps: [], state: 'running' });
    api
      .call('sync.catchUp', { jobId, ...(opts.fresh ? { fresh: true } : {}) })
      .then((result) => setOutcome({ kind: 'ok', result }))
      .catch((err: unknown) => {
        const e = errorText(err);
        setOutcome({
          kind: 'error',
          code: e.code,
          message: e.message,
        });
      })
      .finally(() => {
        ownJob.current = null;
        refreshAllViews();
        setOwnRunning(false);
        setView((v) => (v.jobId === jobId && isActive(v.state) ? { ...v, state: 'done' } : v));
      });
  }, []);

  const cancel = useCallback(() => {
    const jobId = ownJob.current ?? view.jobId;
    if (jobId) void api.call('jobs.cancel', { jobId }).catch(() => undefined);
  }, [view.jobId]);

  const retry = useCallback(() => start(lastOpts.current), [start]);
  const dismiss = useCallback(() => setOutcome(null), []);
  const running = ownRunning || isActive(view.state);
  const blockedReason = running ? (ownRunning ? 'A catch-up is running.' : 'A catch-up started elsewhere is running.') : null;
  const value = useMemo(() => ({ view, outcome, blockedReason, start, retry, cancel, dismiss }), [view, outcome, blockedReason, start, retry, cancel, dismiss]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useCatchUp(): CatchUpApi {
  const c = useContext(Ctx);
  if (!c) throw new Error('useCatchUp outside CatchUpProvider');
  return c;
}
