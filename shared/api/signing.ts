import { z } from 'zod';
import { method } from '../contractKit.js';

/**
 * The auditor's signing key (SEP-53 signatures of exported and report files, see docs/SIGNING.md). The secret
 * never crosses the API outward: status tells only whether a key is configured and its public key (G…).
 */
export interface SigningStatus {
  configured: boolean;
  /** The G-address anyone checks a signature with. */
  publicKey: string | null;
  /** keyFile: SC_SIGNING_KEY_FILE (serve, CLI); safeStorage: stored encrypted by the desktop app. */
  source: 'keyFile' | 'safeStorage' | null;
  /** The key file's path when one is set (not a secret; its content is). */
  keyFile: string | null;
  /** Whether signing.setKey / signing.clearKey work here (the desktop app only). */
  canStore: boolean;
  /** Why a configured key cannot be used (missing file, not a seed…), or null. */
  problem: string | null;
}

export const signingMethods = {
  'signing.status': method<SigningStatus>()(z.object({}).strict()),
  /** Desktop app only: stores the S… seed encrypted with safeStorage. Elsewhere FORBIDDEN, naming the key file. */
  'signing.setKey': method<SigningStatus>()(z.object({ secret: z.string().min(1).max(200) }).strict()),
  'signing.clearKey': method<SigningStatus>()(z.object({}).strict()),
};
