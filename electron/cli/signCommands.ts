import path from 'node:path';
import type { Keypair } from '@stellar/stellar-base';
import { type Command, InvalidArgumentError } from 'commander';
import { AppError } from '../../shared/errors.js';
import { isAccountId } from '../../shared/strkey.js';
import { runSign } from '../core/signing/signFiles.js';
import { requireKeypair } from '../core/signing/signingKey.js';
import { verifySignature } from '../core/signing/verifySignature.js';
import { writeOut } from './cliArgs.js';
import { withEngine } from './context.js';

/**
 * `sign FILE…` writes FILE.sig.json (a SEP-53 signature of the file's sha256 and the audit head) next to each file;
 * `verify-signature FILE` checks one. Exit codes: 0 ok, 1 the signature does not hold, 2 bad usage.
 */
export const KEY_FILE_HELP = 'file holding your S… secret seed (env SC_SIGNING_KEY_FILE)';

function parsePublicKeyArg(value: string): string {
  if (!isAccountId(value)) throw new InvalidArgumentError('expected a Stellar public key (G…)');
  return value;
}

/** A missing file or key file is bad usage (exit 2) here, not a failed check. */
async function asUsage<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw new AppError('BAD_INPUT', err.message);
    throw err;
  }
}

/** The configured key (--key-file / SC_SIGNING_KEY_FILE), read before any output is written. */
export function signingKeyOf(cmd: Command): Promise<Keypair> {
  return asUsage(() => withEngine(cmd, (engine) => requireKeypair(engine.signingKeys)));
}

/** Signs a file the command wrote (view … --out FILE --sign) as a recorded 'sign' operation. */
export async function signWrittenFile(cmd: Command, file: string, keypair: Keypair): Promise<void> {
  const [signed] = await withEngine(cmd, (engine) => runSign(engine, { files: [file], keypair, via: 'cli' }));
  process.stderr.write(`signed ${file} → ${signed?.signatureFile} by ${keypair.publicKey()}\n`);
}

export function registerSignCommands(program: Command): void {
  program
    .command('sign')
    .description('write FILE.sig.json next to each file: a SEP-53 signature of its sha256 and the audit head')
    .argument('<files...>', 'files to sign')
    .option('--key-file <file>', KEY_FILE_HELP)
    .action(async (files: string[], _opts: { keyFile?: string }, cmd: Command) => {
      const signed = await asUsage(() => withEngine(cmd, async (engine) => runSign(engine, { files, keypair: await requireKeypair(engine.signingKeys), via: 'cli' })));
      for (const s of signed) await writeOut(`${s.signatureFile}  sha256 ${s.sha256}  signed by ${s.publicKey}\n`);
    });

  program
    .command('verify-signature')
    .description("check FILE.sig.json: the file's sha256, the signature, and that its audit head is in this database's chain (exit 1 if not)")
    .argument('<file>', 'the signed file')
    .option('--signature <sig>', 'the signature file (default: FILE.sig.json)')
    .option('--public-key <G…>', 'also require this signer', parsePublicKeyArg)
    .action(async (file: string, opts: { signature?: string; publicKey?: string }, cmd: Command) => {
      const target = path.resolve(file);
      const signatureFile = opts.signature && path.resolve(opts.signature);
      const check = await withEngine(cmd, (engine) => verifySignature(engine.reader(), target, { signatureFile, publicKey: opts.publicKey })).catch((err: unknown) => {
        // A missing file is bad usage (2); a signature file that is not one (bad JSON, wrong format) does not hold (1).
        if (err instanceof AppError && err.code === 'NOT_FOUND') throw new AppError('BAD_INPUT', err.message);
        if (err instanceof AppError && err.code === 'BAD_INPUT') throw new AppError('DATA_INCONSISTENT', `the signature does not hold: ${err.message}`);
        throw err;
      });
      await writeOut(`file:       ${check.file}\nsigner:     ${check.publicKey}\naudit head: seq ${check.head.seq} ${check.head.hash}\nsigned at:  ${check.signedAt}\n`);
      if (!check.ok) throw new AppError('DATA_INCONSISTENT', `the signature does not hold: ${check.problems.join('; ')}`);
      await writeOut('signature: OK\n');
    });
}
