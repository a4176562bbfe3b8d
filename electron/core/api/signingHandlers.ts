import type { HandlerSlice } from './handlerTypes.js';

/** The signing key's status and, in the desktop app, setting and clearing it (the engine's store decides where). */
export const signingHandlers: HandlerSlice<'signing.status' | 'signing.setKey' | 'signing.clearKey'> = (engine) => ({
  'signing.status': () => engine.signingKeys.status(),
  'signing.setKey': (p) => engine.signingKeys.setKey(p.secret),
  'signing.clearKey': () => engine.signingKeys.clearKey(),
});
