import path from 'node:path';
import type { Keypair } from '@stellar/stellar-base';
import type { ChainHead } from '../../../shared/api/audit.js';
import { AppError } from '../../../shared/errors.js';
import { chainHead } from '../audit/queries.js';
import type { Engine } from '../engine.js';
import { hashFile } from '../files/atomicFile.js';
import { signMessage } from './sep53.js';
import { SIGNATURE_FORMAT, signatureMessage, signaturePathFor, writeSignatureFile } from './signatureFile.js';

/**
 * Signing files: FILE.sig.json next to each FILE, stating its sha256 and the audit head at signing time. `report`,
 * exports and the proof bundles call signFiles inside their own operation; `sign FILE…` runs runSign, a recorded
 * 'sign' operation whose parameters name each file, its sha256 and the public key (never the secret).
 */
export interface SignedFile {
  file: string;
  signatureFile: string;
  sha256: string;
  publicKey: string;
}

export async function signFiles(files: readonly string[], keypair: Keypair, head: ChainHead | null, now: Date = new Date()): Promise<SignedFile[]> {
  if (!head) throw new AppError('BAD_INPUT', 'The audit log is empty: a signature names the audit head, so run a catch-up or load first.');
  const signedAt = now.toISOString();
  const out: SignedFile[] = [];
  for (const file of files) {
    const { sha256 } = await hashFile(file);
    const message = signatureMessage({ sha256, head, signedAt });
    const signatureFile = signaturePathFor(file);
    writeSignatureFile(signatureFile, { format: SIGNATURE_FORMAT, message, public_key: keypair.publicKey(), signature: signMessage(keypair, message) });
    out.push({ file, signatureFile, sha256, publicKey: keypair.publicKey() });
  }
  return out;
}

/** What an operation records of its signatures (report, export). */
export function signatureResult(signed: readonly SignedFile[]): { signedBy: string | null; signatureFiles: string[] } {
  return { signedBy: signed[0]?.publicKey ?? null, signatureFiles: signed.map((s) => s.signatureFile) };
}

/** `sign FILE…`: one 'sign' operation; the head signed is the one that includes its own start event. */
export async function runSign(engine: Engine, opts: { files: readonly string[]; keypair: Keypair; via?: string; now?: Date }): Promise<SignedFile[]> {
  const files = opts.files.map((f) => path.resolve(f));
  const hashed: { file: string; sha256: string }[] = [];
  for (const file of files) {
    try {
      hashed.push({ file, sha256: (await hashFile(file)).sha256 });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new AppError(code === 'ENOENT' ? 'NOT_FOUND' : 'BAD_INPUT', code === 'ENOENT' ? `No file at ${file}.` : `Cannot read ${file}: ${(err as Error).message}`);
    }
  }
  const publicKey = opts.keypair.publicKey();
  return engine.runOperation({ kind: 'sign', params: { files: hashed, publicKey }, via: opts.via, writes: false }, async (op) => {
    const signed = await signFiles(files, opts.keypair, chainHead(engine.reader()), opts.now);
    const changed = signed.filter((s, i) => s.sha256 !== hashed[i]?.sha256).map((s) => s.file);
    if (changed.length) throw new AppError('DATA_INCONSISTENT', `Changed while being signed: ${changed.join(', ')}; sign again.`);
    op.setResult(signatureResult(signed));
    return signed;
  });
}
