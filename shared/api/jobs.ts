import { z } from 'zod';
import { method } from '../contractKit.js';
import type { JobState } from '../events.js';

/** Long jobs (catch-up, export, backup, verify): what runs now, what just finished, and a way to stop one. */
export interface JobInfo {
  jobId: string;
  /** 'catch-up', 'export', 'backup-create', … */
  kind: string;
  state: JobState;
  step: string;
  done: number;
  total: number | null;
  message: string | null;
  /** UTC ISO time. */
  startedAt: string;
  finishedAt: string | null;
  /** The actor (OS user, --actor or SC_ACTOR). */
  startedBy: string;
  via: string;
  /** One line when state is 'failed' or 'cancelled'. */
  error: string | null;
}

/** A client-chosen id (e.g. crypto.randomUUID()) so the UI can cancel its own job before the call returns. */
export const clientJobId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8-64 chars of A-Z a-z 0-9 _ -');

export const jobsMethods = {
  /** Running jobs first, then the most recently finished ones (kept for a while so the UI can show the outcome). */
  'jobs.list': method<JobInfo[]>()(z.object({}).strict()),
  /** false when the job is unknown or already finished. */
  'jobs.cancel': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1) }).strict()),
};
