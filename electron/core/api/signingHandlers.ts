import { keypairFromSeed } from '../signing/signingKey.js';
import type { HandlerSlice } from './handlerTypes.js';

/**
 * The signing key's status and, in the desktop app, setting and clearing it (the engine's store decides where).
 * Setting and clearing are 'settings-change' operations that name the public key, never the secret.
 */
export const signingHandlers: HandlerSlice<'signing.status' | 'signing.setKey' | 'signing.clearKey'> = (engine) => ({
  'signing.status': () => engine.signingKeys.status(),
  'signing.setKey': (p, ctx) => {
    const publicKey = keypairFromSeed(p.secret, 'The key given').publicKey();
    return engine.runOperation({ kind: 'settings-change', params: { signingKey: { set: publicKey } }, via: ctx.via, writes: false }, () => engine.signingKeys.setKey(p.secret));
  },
  'signing.clearKey': async (_p, ctx) => {
    const before = (await engine.signingKeys.status()).publicKey;
    return engine.runOperation({ kind: 'settings-change', params: { signingKey: { cleared: before } }, via: ctx.via, writes: false }, () => engine.signingKeys.clearKey());
  },
});
