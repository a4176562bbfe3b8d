import { createHash } from 'node:crypto';
import type { Keypair } from '@stellar/stellar-base';
import { stellarBase } from '../lazyModules.js';

/**
 * SEP-53 "Sign and Verify Messages": signature = ed25519(secret, sha256("Stellar Signed Message:\n" + message)),
 * base64 in text. @stellar/stellar-base 15 has no signMessage/verifyMessage yet, so the prefix and hash are here
 * and the ed25519 and strkey work is Keypair's. The Stellar CLI's `stellar message sign|verify` does the same.
 */
export const SEP53_PREFIX = 'Stellar Signed Message:\n';

/** The 32 bytes that are signed: sha256 of the prefix and the message's UTF-8 bytes. */
export function sep53Hash(message: string): Buffer {
  return createHash('sha256').update(SEP53_PREFIX, 'utf8').update(message, 'utf8').digest();
}

/** The base64 SEP-53 signature of message by the key pair (which must hold its secret). */
export function signMessage(keypair: Keypair, message: string): string {
  return keypair.sign(sep53Hash(message)).toString('base64');
}

/** Standard base64 of exactly 64 bytes (an ed25519 signature); anything else is null. */
export function decodeSignature(signature: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]{86}==$/.test(signature)) return null;
  const bytes = Buffer.from(signature, 'base64');
  return bytes.length === 64 ? bytes : null;
}

/** Whether signature is the SEP-53 signature of message by publicKey (G…). False for a malformed key or signature. */
export function verifyMessage(publicKey: string, message: string, signature: string): boolean {
  const bytes = decodeSignature(signature);
  const { Keypair, StrKey } = stellarBase();
  if (!bytes || !StrKey.isValidEd25519PublicKey(publicKey)) return false;
  return Keypair.fromPublicKey(publicKey).verify(sep53Hash(message), bytes);
}
