import type { JobProgress } from '../../../../shared/events';

/** What the catch-up panel shows, folded from 'job.progress' events (pure, so it is unit-tested). */
export interface StepProgress {
  step: string;
  done: number;
  total: number | null;
  state: JobProgress['state'];
  message?: string;
}

export interface CatchUpView {
  jobId: string | null;
  /** Steps in the order they were first seen. */
  steps: StepProgress[];
  state: JobProgress['state'] | 'idle';
  message?: string;
}

export const IDLE: CatchUpView = { jobId: null, steps: [], state: 'idle' };

export const CATCH_UP_KIND = 'catch-up';

export function isActive(state: CatchUpView['state']): boolean {
  return state === 'running' || state === 'waiting';
}

/** Folds one progress event into the view; events of other jobs or kinds are ignored. */
export function foldProgress(view: CatchUpView, p: JobProgress): CatchUpView {
  if (p.kind !== CATCH_UP_KIND) return view;
  // The job's own start/finish events carry the kind as step name: they change the state, not the steps.
  if (p.step === CATCH_UP_KIND || p.step === '') {
    if (view.jobId !== null && view.jobId !== p.jobId && isActive(view.state)) return view;
    const steps = view.jobId === p.jobId ? view.steps : [];
    const closed = isActive(p.state) ? steps : steps.map((s) => (isActive(s.state) ? { ...s, state: p.state } : s));
    return { jobId: p.jobId, steps: closed, state: p.state, ...(p.message ? { message: p.message } : {}) };
  }
  // A new job (e.g. started from another window) replaces a finished one; a running one is not replaced.
  if (view.jobId !== null && view.jobId !== p.jobId) {
    if (isActive(view.state)) return view;
    view = { ...IDLE };
  }
  const steps = [...view.steps];
  const i = steps.findIndex((s) => s.step === p.step);
  const step: StepProgress = { step: p.step, done: p.done, total: p.total, state: p.state, ...(p.message ? { message: p.message } : {}) };
  if (i >= 0) steps[i] = step;
  else steps.push(step);
  // Earlier steps are finished once a later step reports.
  const last = steps.length - 1;
  for (let k = 0; k < last; k++) {
    const s = steps[k];
    if (s && isActive(s.state) && k !== (i >= 0 ? i : last)) steps[k] = { ...s, state: 'done' };
  }
  return { jobId: p.jobId, steps, state: p.state, ...(p.message ? { message: p.message } : {}) };
}

/** A step's bar: a fraction 0..1, or null when the total is unknown (indeterminate). */
export function stepFraction(s: StepProgress): number | null {
  if (s.state === 'done') return 1;
  if (s.total === null || s.total <= 0) return null;
  return Math.min(1, s.done / s.total);
}

/** Human names of the engine's steps; unknown steps show as they are. */
export const STEP_LABELS: Record<string, string> = {
  bootstrap: 'Published data',
  'impact-projects': 'Impact projects',
  'distribution-txs': 'Distribution outflows',
  'sinking-txs': 'Sinking transactions',
  'sink-contract-calls': 'Contract-call sales',
  retirements: 'Verra retirements',
  'minted-blocks': 'Minted blocks',
  'retirement-from-block': 'Retirements ↔ blocks',
  'sink-statuses': 'Sink statuses',
  verify: 'Verify checks',
};

export function stepLabel(step: string): string {
  return STEP_LABELS[step] ?? step;
}

/** The step a catch-up on an empty database runs first: the published dumps, one progress event per file. */
export const BOOTSTRAP_STEP = 'bootstrap';

/** A file line with its sha256 cut to 12 digits: the whole hash is in the audit log, not needed in a progress line. */
export function shortenHashes(text: string): string {
  return text.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1…');
}

/**
 * The bootstrap step as one line: "Downloading published data (3/7 done): sinking_txs.ndjson: 31 rows, 9,845 bytes,
 * sha256 1f0c2a3b4c5d…" while it runs (done counts the files finished; the message names the latest file), "Published data (7/7 files)" once a later step has begun (whether the
 * bootstrap worked is the catch-up result's to say: a failed one is followed by the Horizon steps all the same).
 */
export function bootstrapLine(s: StepProgress): string {
  const count = s.total !== null ? ` (${s.done}/${s.total} done)` : '';
  if (!isActive(s.state)) return `Published data${s.total !== null ? ` (${s.done}/${s.total} files)` : ''}`;
  if (s.message?.startsWith('restoring ')) return `Published data${s.total !== null ? ` (${s.total} files)` : ''}: ${s.message}`;
  return `Downloading published data${count}${s.message ? `: ${shortenHashes(s.message)}` : ' …'}`;
}
