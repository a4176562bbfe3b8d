import type { Engine } from '../engine.js';
import { appHandlers } from './appHandlers.js';
import { auditHandlers } from './auditHandlers.js';
import { backupHandlers } from './backupHandlers.js';
import { exportHandlers } from './exportHandlers.js';
import type { Handlers } from './handlerTypes.js';
import { jobsHandlers } from './jobsHandlers.js';
import { liveHandlers } from './liveHandlers.js';
import { marksHandlers } from './marksHandlers.js';
import { savedViewsHandlers } from './savedViewsHandlers.js';
import { proofHandlers } from './proofHandlers.js';
import { provenanceHandlers } from './provenanceHandlers.js';
import { recentHandlers } from './recentHandlers.js';
import { settingsHandlers } from './settingsHandlers.js';
import { signingHandlers } from './signingHandlers.js';
import { syncHandlers } from './syncHandlers.js';
import { viewHandlers } from './viewHandlers.js';

/** All handlers, one per contract method. Each domain module contributes its slice. */
export function createHandlers(engine: Engine): Handlers {
  return {
    ...appHandlers(engine),
    ...auditHandlers(engine),
    ...backupHandlers(engine),
    ...exportHandlers(engine),
    ...jobsHandlers(engine),
    ...liveHandlers(engine),
    ...marksHandlers(engine),
    ...savedViewsHandlers(engine),
    ...proofHandlers(engine),
    ...provenanceHandlers(engine),
    ...recentHandlers(engine),
    ...settingsHandlers(engine),
    ...signingHandlers(engine),
    ...syncHandlers(engine),
    ...viewHandlers(engine),
  };
}
