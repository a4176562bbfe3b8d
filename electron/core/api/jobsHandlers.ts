import { jobsOf } from '../jobs/registry.js';
import type { HandlerSlice } from './handlerTypes.js';

export const jobsHandlers: HandlerSlice<'jobs.list' | 'jobs.cancel'> = (engine) => ({
  'jobs.list': () => jobsOf(engine).list(),
  'jobs.cancel': (p) => ({ cancelled: jobsOf(engine).cancel(p.jobId) }),
});
