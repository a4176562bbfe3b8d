import type { SafeStorage } from 'electron';
import fs from 'node:fs';
import { AppError } from '../../shared/errors.js';
import { commitTemp, removeQuietly, tempPathFor } from '../core/files/atomicFile.js';
import { keypairFromSeed, SIGNING_KEY_FILE_ENV, type SigningKeyStore, statusOf } from '../core/signing/signingKey.js';

export type KeyVault = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

/**
 * The desktop app's signing key: the S… seed encrypted with Electron's safeStorage (the OS keychain) in one file
 * in userData, never in the database and never as plain text. Without a stored key, the key file named by
 * SC_SIGNING_KEY_FILE (the `fallback` store) is used, as under `serve`.
 */
export function safeStorageKeys(vault: KeyVault, file: string, fallback: SigningKeyStore): SigningKeyStore {
  const usable = async () => (await vault.isAsyncEncryptionAvailable()) && (process.platform !== 'linux' || vault.getSelectedStorageBackend() !== 'basic_text');
  const stored = () => fs.existsSync(file);
  const store: SigningKeyStore = {
    async keypair() {
      if (!stored()) return fallback.keypair();
      let seed: string;
      try {
        seed = (await vault.decryptStringAsync(fs.readFileSync(file))).result;
      } catch {
        throw new AppError('INTERNAL', 'The stored signing key cannot be decrypted by this system keychain: clear it and set it again in Settings → Signing key.');
      }
      return keypairFromSeed(seed, 'The stored signing key');
    },
    async status() {
      if (!stored()) {
        const fromFile = await fallback.status();
        return { ...fromFile, canStore: await usable() };
      }
      return statusOf(store, { source: 'safeStorage', keyFile: null, canStore: true });
    },
    async setKey(secret) {
      const keypair = keypairFromSeed(secret, 'The key given');
      if (!(await usable())) {
        throw new AppError(
          'FORBIDDEN',
          `This system offers no keychain for the app to encrypt the key with (safeStorage), and a key is never stored as plain text: set ${SIGNING_KEY_FILE_ENV} to a key file instead.`,
        );
      }
      const tmp = tempPathFor(file);
      try {
        fs.writeFileSync(tmp, await vault.encryptStringAsync(keypair.secret()), { flag: 'wx', mode: 0o600 });
        commitTemp(tmp, file);
      } finally {
        removeQuietly(tmp);
      }
      return store.status();
    },
    async clearKey() {
      fs.rmSync(file, { force: true });
      return store.status();
    },
  };
  return store;
}
