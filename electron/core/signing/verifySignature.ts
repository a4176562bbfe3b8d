import fs from 'node:fs';
import type { ChainHead } from '../../../shared/api/audit.js';
import { AppError } from '../../../shared/errors.js';
import { chainEntryAt, chainHead } from '../audit/queries.js';
import type { ReadDb } from '../db/types.js';
import { hashFile } from '../files/atomicFile.js';
import { verifyMessage } from './sep53.js';
import { readSignatureFile, signaturePathFor } from './signatureFile.js';

/**
 * `verify-signature FILE`: does the file still have the sha256 the message names, is the signature the named
 * key's SEP-53 signature of the message, and is the named audit head in this database's chain (the entry at that
 * seq exists and has that hash)? Each failed check is one plain reason; ok only when none failed.
 */
export interface SignatureCheck {
  ok: boolean;
  file: string;
  signatureFile: string;
  /** The signer's G-address as the signature file names it. */
  publicKey: string;
  head: ChainHead;
  signedAt: string;
  problems: string[];
}

export async function verifySignature(
  db: ReadDb,
  file: string,
  opts: { signatureFile?: string; publicKey?: string } = {},
): Promise<SignatureCheck> {
  const signatureFile = opts.signatureFile ?? signaturePathFor(file);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `No file at ${file}.`);
  const sig = readSignatureFile(signatureFile);
  const { claim } = sig;
  const problems: string[] = [];

  const { sha256 } = await hashFile(file);
  if (sha256 !== claim.sha256) problems.push(`the file was changed after signing: its sha256 is ${sha256}, the signature is of ${claim.sha256}`);

  if (!verifyMessage(sig.public_key, sig.message, sig.signature)) {
    problems.push(`the signature is not ${sig.public_key}'s signature of the message (the message was altered or signed with another key)`);
  }
  if (opts.publicKey && opts.publicKey !== sig.public_key) problems.push(`signed by ${sig.public_key}, expected ${opts.publicKey}`);

  const entry = chainEntryAt(db, claim.head.seq);
  if (!entry) {
    const head = chainHead(db);
    problems.push(
      `the audit head seq ${claim.head.seq} is not in this database's chain (${head ? `it ends at seq ${head.seq}` : 'it is empty'}): ` +
        'check it against the database the file was signed from, or a backup of it',
    );
  } else if (entry.hash !== claim.head.hash) {
    problems.push(`the audit head is not in this database's chain: seq ${claim.head.seq} has hash ${entry.hash} here, the signature names ${claim.head.hash}`);
  }
  return { ok: problems.length === 0, file, signatureFile, publicKey: sig.public_key, head: claim.head, signedAt: claim.signedAt, problems };
}
