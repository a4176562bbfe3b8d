import { createHash } from 'node:crypto';
import { StrKey } from '@stellar/stellar-base';

/**
 * Valid Stellar strkeys for synthetic data (the API refuses account ids with a bad checksum, so filters in the
 * benchmark must use real-looking ones): the 32 bytes are the sha256 of a seed, encoded by @stellar/stellar-base
 * (so tests also check our own validator, shared/strkey.ts, against the SDK's encoder).
 */
const digest = (seed: string): Buffer => createHash('sha256').update(seed).digest();

export const accountId = (seed: string): string => StrKey.encodeEd25519PublicKey(digest(seed));
export const contractId = (seed: string): string => StrKey.encodeContract(digest(seed));
