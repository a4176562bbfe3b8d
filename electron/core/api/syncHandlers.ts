import type { LOAD_TARGET_NAMES, SYNC_STEPS } from '../../../shared/api/sync.js';
import type { LOAD_TARGETS, STEP_NAMES } from '../sync/types.js';
import { listHistoryGaps } from '../sync/historyBounds.js';
import { runBootstrap, runSync, syncStatus } from '../sync/runSync.js';
import type { HandlerSlice } from './handlerTypes.js';

// The shared lists (renderer-safe) must name exactly the core's steps and targets.
const sameSteps: (typeof SYNC_STEPS)[number] extends (typeof STEP_NAMES)[number] ? true : never = true;
const sameTargets: (typeof LOAD_TARGET_NAMES)[number] extends keyof typeof LOAD_TARGETS ? true : never = true;
void sameSteps;
void sameTargets;

export const syncHandlers: HandlerSlice<'sync.catchUp' | 'sync.load' | 'sync.status' | 'sync.bootstrap' | 'sync.historyGaps'> = (engine) => ({
  'sync.catchUp': (p, ctx) => runSync(engine, { fresh: p.fresh, via: ctx.via, signal: ctx.signal, jobId: p.jobId, note: p.note, verify: p.verify }),
  'sync.bootstrap': (p, ctx) => runBootstrap(engine, { from: p.from, via: ctx.via, signal: ctx.signal, jobId: p.jobId, note: p.note, verify: p.verify }),
  'sync.historyGaps': () => listHistoryGaps(engine.reader()),
  'sync.load': (p, ctx) => runSync(engine, { target: p.target, via: ctx.via, signal: ctx.signal, jobId: p.jobId, note: p.note }),
  'sync.status': () => syncStatus(engine.reader()),
});
