import type { HandlerSlice } from './handlerTypes.js';

export const jobsHandlers: HandlerSlice<'jobs.list' | 'jobs.cancel'> = (engine) => ({
  'jobs.list': () => engine.jobs.list(),
  'jobs.cancel': (p) => ({ cancelled: engine.jobs.cancel(p.jobId) }),
});
