import type { LiveStatus } from '../../../shared/api/live.js';
import { AppError } from '../../../shared/errors.js';
import type { HandlerSlice } from './handlerTypes.js';

/** Where live mode does not run (the CLI, a test engine): off, and not available. */
const NOT_HERE: LiveStatus = { version: 0, state: 'off', reason: 'live mode runs in the desktop app and serve, not in this process', available: false, streams: [], lastLoad: null };

/** live.status and live.set: the engine's live mode (electron/core/live/liveMode.ts), when this process runs one. */
export const liveHandlers: HandlerSlice<'live.status' | 'live.set'> = (engine) => ({
  'live.status': () => engine.live?.status() ?? NOT_HERE,
  'live.set': (p) => {
    if (!engine.live) throw new AppError('BAD_INPUT', `Live mode cannot be turned ${p.enabled ? 'on' : 'off'}: ${NOT_HERE.reason}.`);
    return engine.live.setEnabled(p.enabled);
  },
});
