import type { Engine } from '../engine.js';
import { appHandlers } from './appHandlers.js';
import type { Handlers } from './handlerTypes.js';

/** All handlers, one per contract method. Each domain module contributes its slice. */
export function createHandlers(engine: Engine): Handlers {
  return {
    ...appHandlers(engine),
  };
}
