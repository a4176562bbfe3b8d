import fs from 'node:fs';
import { stellarBase } from '../lazyModules.js';
import { z } from 'zod';
import type { ChainHead } from '../../../shared/api/audit.js';
import { AppError } from '../../../shared/errors.js';
import { commitTemp, tempPathFor } from '../files/atomicFile.js';
import { decodeSignature } from './sep53.js';

/**
 * FILE.sig.json: the signed message (which names the file's sha256 and the audit head) with the signer's G-address
 * and the SEP-53 signature. The message is the whole claim; the JSON only carries it.
 */
export const SIGNATURE_FORMAT = 'sc-audit-explorer-signature/1';
export const SIGNATURE_SUFFIX = '.sig.json';

export const signatureFileSchema = z
  .object({
    format: z.literal(SIGNATURE_FORMAT),
    message: z.string().min(1),
    public_key: z.string().refine((k) => stellarBase().StrKey.isValidEd25519PublicKey(k), 'not a Stellar public key (G…)'),
    signature: z.string().refine((s) => decodeSignature(s) !== null, 'not a base64 ed25519 signature (64 bytes)'),
  })
  .strict();
export type SignatureFile = z.output<typeof signatureFileSchema>;

/** What the message states. */
export interface SignedClaim {
  sha256: string;
  head: ChainHead;
  /** UTC, ISO 8601 with milliseconds and Z. */
  signedAt: string;
}

const MESSAGE_TITLE = 'Stellarcarbon Audit Explorer signature';
const MESSAGE_PATTERN = new RegExp(
  `^${MESSAGE_TITLE}\\nsha256: ([0-9a-f]{64})\\naudit-head: ([1-9][0-9]{0,15}) ([0-9a-f]{64})\\nsigned-at: (\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z)\\n$`,
);

export function signatureMessage(claim: SignedClaim): string {
  return `${MESSAGE_TITLE}\nsha256: ${claim.sha256}\naudit-head: ${claim.head.seq} ${claim.head.hash}\nsigned-at: ${claim.signedAt}\n`;
}

/** The claim of a message in exactly the format above, or null. */
export function parseSignatureMessage(message: string): SignedClaim | null {
  const m = MESSAGE_PATTERN.exec(message);
  if (!m) return null;
  return { sha256: m[1]!, head: { seq: Number(m[2]), hash: m[3]! }, signedAt: m[4]! };
}

export function signaturePathFor(file: string): string {
  return `${file}${SIGNATURE_SUFFIX}`;
}

/** Parses a .sig.json's text; a clear reason (BAD_INPUT) when it is not one. */
export function parseSignatureFile(text: string, where: string): SignatureFile & { claim: SignedClaim } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('BAD_INPUT', `${where} is not JSON.`);
  }
  const parsed = signatureFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('BAD_INPUT', `${where} is not a ${SIGNATURE_FORMAT} file: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}.`);
  }
  const claim = parseSignatureMessage(parsed.data.message);
  if (!claim) throw new AppError('BAD_INPUT', `${where}: the message is not in the ${SIGNATURE_FORMAT} format (title, sha256, audit-head, signed-at lines).`);
  return { ...parsed.data, claim };
}

export function readSignatureFile(sigPath: string): SignatureFile & { claim: SignedClaim } {
  let text: string;
  try {
    text = fs.readFileSync(sigPath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError('NOT_FOUND', code === 'ENOENT' ? `No signature file at ${sigPath}.` : `Cannot read ${sigPath}: ${(err as Error).message}`);
  }
  return parseSignatureFile(text, sigPath);
}

/** Writes the .sig.json atomically (temp file + rename), two-space JSON with a final newline. */
export function writeSignatureFile(sigPath: string, sig: SignatureFile): void {
  const tmp = tempPathFor(sigPath);
  fs.writeFileSync(tmp, `${JSON.stringify(sig, null, 2)}\n`, { flag: 'wx' });
  commitTemp(tmp, sigPath);
}
