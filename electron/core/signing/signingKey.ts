import fs from 'node:fs';
import type { Keypair } from '@stellar/stellar-base';
import type { SigningStatus } from '../../../shared/api/signing.js';
import { AppError } from '../../../shared/errors.js';
import { SIGNING_KEY_FILE_ENV } from '../config.js';
import { stellarBase } from '../lazyModules.js';

/**
 * The auditor's signing key: an `S…` secret seed, read from a key file (SC_SIGNING_KEY_FILE or --key-file) or, in
 * the desktop app, kept encrypted with Electron's safeStorage (electron/app/safeStorageKeys.ts). The file's path is
 * not a secret but its content is: no message here ever contains it.
 */
export { SIGNING_KEY_FILE_ENV };

/** A seed as text: a clear reason when it is a public key, or not a seed at all. Never echoes the text. */
export function keypairFromSeed(text: string, where: string): Keypair {
  const seed = text.trim();
  const { Keypair, StrKey } = stellarBase();
  if (StrKey.isValidEd25519PublicKey(seed)) {
    throw new AppError('BAD_INPUT', `${where} holds a public key (G…); signing needs the secret seed (S…) of that account.`);
  }
  if (!StrKey.isValidEd25519SecretSeed(seed)) {
    throw new AppError('BAD_INPUT', `${where} does not hold a Stellar secret seed (one line: S followed by 55 characters).`);
  }
  return Keypair.fromSecret(seed);
}

/**
 * Reads a key file. A file others can read still works (it is the auditor's machine) but `warn` is told to
 * chmod it, once per read.
 */
export function readSigningKeyFile(file: string, warn: (message: string) => void = () => undefined): Keypair {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError('NOT_FOUND', code === 'ENOENT' ? `The signing key file ${file} does not exist.` : `Cannot read the signing key file ${file} (${code ?? 'error'}).`);
  }
  if (!stat.isFile()) throw new AppError('BAD_INPUT', `The signing key file ${file} is not a file.`);
  if (stat.size > 1024) throw new AppError('BAD_INPUT', `The signing key file ${file} is ${stat.size} bytes: a key file holds one S… seed.`);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    warn(`The signing key file ${file} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}); run: chmod 600 ${file}`);
  }
  return keypairFromSeed(fs.readFileSync(file, 'utf8'), `The signing key file ${file}`);
}

/** Where the signing key comes from, and (desktop only) how it is set and cleared. Async: safeStorage's API is. */
export interface SigningKeyStore {
  status(): Promise<SigningStatus>;
  /** The key pair, or null when none is configured; a clear error when one is configured but unusable. */
  keypair(): Promise<Keypair | null>;
  setKey(secret: string): Promise<SigningStatus>;
  clearKey(): Promise<SigningStatus>;
}

/** The status of a store from its key pair: configured with the public key, or the problem named. */
export async function statusOf(store: Pick<SigningKeyStore, 'keypair'>, base: Omit<SigningStatus, 'configured' | 'publicKey' | 'problem'>): Promise<SigningStatus> {
  try {
    const kp = await store.keypair();
    return { ...base, configured: kp !== null, publicKey: kp?.publicKey() ?? null, problem: null };
  } catch (err) {
    return { ...base, configured: false, publicKey: null, problem: (err as Error).message };
  }
}

/** The key file store of `serve` and the CLI: the file named by SC_SIGNING_KEY_FILE (or --key-file). */
export function keyFileStore(file: string | null | undefined, warn?: (message: string) => void): SigningKeyStore {
  const keyFile = file?.trim() || null;
  let warned = false;
  const warnOnce = (message: string) => {
    if (!warned) warn?.(message);
    warned = true;
  };
  const refuse = (): never => {
    throw new AppError(
      'FORBIDDEN',
      `The signing key is read from a key file here, not stored by the app: put the S… seed in a file readable only by you and set ${SIGNING_KEY_FILE_ENV}` +
        `${keyFile ? ` (now ${keyFile})` : ''}.`,
    );
  };
  const store: SigningKeyStore = {
    keypair: async () => (keyFile ? readSigningKeyFile(keyFile, warnOnce) : null),
    status: () => statusOf(store, { source: keyFile ? 'keyFile' : null, keyFile, canStore: false }),
    setKey: async () => refuse(),
    clearKey: async () => refuse(),
  };
  return store;
}

/** The configured key pair, or a clear error naming how to configure one. */
export async function requireKeypair(store: SigningKeyStore): Promise<Keypair> {
  const kp = await store.keypair();
  if (!kp) {
    throw new AppError('BAD_INPUT', `No signing key is configured: pass --key-file FILE or set ${SIGNING_KEY_FILE_ENV} to a file holding your S… seed (in the desktop app: Settings → Signing key).`);
  }
  return kp;
}
