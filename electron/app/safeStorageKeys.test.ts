import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFileStore } from '../core/signing/signingKey.js';
import { keyFile, OTHER_SECRET, SEP53_PUBLIC, SEP53_SECRET, tempFolder } from '../testkit/signingKeys.js';
import { type KeyVault, safeStorageKeys } from './safeStorageKeys.js';

/** Electron's safeStorage, stubbed: a reversible scrambling, so the stored bytes are not the seed. */
function fakeVault(opts: { available?: boolean; backend?: ReturnType<KeyVault['getSelectedStorageBackend']> } = {}) {
  const scramble = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  const calls: string[] = [];
  const vault: KeyVault = {
    isAsyncEncryptionAvailable: async () => opts.available ?? true,
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
    encryptStringAsync: async (text) => (calls.push('encrypt'), scramble(Buffer.from(text, 'utf8'))),
    decryptStringAsync: async (data) => (calls.push('decrypt'), { result: scramble(data).toString('utf8'), shouldReEncrypt: false }),
  };
  return { vault, calls };
}

const storeFile = () => path.join(tempFolder(), 'signing-key.enc');

describe('the desktop signing key (safeStorage)', () => {
  it('stores the seed encrypted (never as plain text), reads it back, and clears it', async () => {
    const { vault, calls } = fakeVault();
    const file = storeFile();
    const store = safeStorageKeys(vault, file, keyFileStore(null));
    expect(await store.status()).toMatchObject({ configured: false, canStore: true });
    expect(await store.setKey(`${SEP53_SECRET}\n`)).toEqual({ configured: true, publicKey: SEP53_PUBLIC, source: 'safeStorage', keyFile: null, canStore: true, problem: null });
    expect(fs.readFileSync(file).toString('latin1')).not.toContain(SEP53_SECRET.slice(1, 20));
    if (process.platform !== 'win32') expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect((await store.keypair())?.publicKey()).toBe(SEP53_PUBLIC);
    expect(calls).toContain('encrypt');
    expect(calls).toContain('decrypt');
    expect(await store.clearKey()).toMatchObject({ configured: false, source: null });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a public key or a typo without storing anything, and a store without a keychain (or with basic_text)', async () => {
    const file = storeFile();
    const store = safeStorageKeys(fakeVault().vault, file, keyFileStore(null));
    await expect(store.setKey(SEP53_PUBLIC)).rejects.toThrow(/holds a public key/);
    await expect(store.setKey('SNOTASEED')).rejects.toThrow(/does not hold a Stellar secret seed/);
    expect(fs.existsSync(file)).toBe(false);
    for (const vault of [fakeVault({ available: false }).vault, fakeVault({ backend: 'basic_text' }).vault]) {
      if (process.platform !== 'linux' && vault.getSelectedStorageBackend() === 'basic_text') continue;
      const plain = safeStorageKeys(vault, file, keyFileStore(null));
      await expect(plain.setKey(SEP53_SECRET)).rejects.toThrow(/no keychain .* never stored as plain text: set SC_SIGNING_KEY_FILE/);
      expect(fs.existsSync(file)).toBe(false);
    }
  });

  it('uses the key file of SC_SIGNING_KEY_FILE until a key is stored, then the stored one', async () => {
    const kf = keyFile(OTHER_SECRET);
    const store = safeStorageKeys(fakeVault().vault, storeFile(), keyFileStore(kf));
    expect(await store.status()).toMatchObject({ configured: true, source: 'keyFile', keyFile: kf, canStore: true });
    await store.setKey(SEP53_SECRET);
    expect(await store.status()).toMatchObject({ publicKey: SEP53_PUBLIC, source: 'safeStorage' });
  });

  it('names a stored key the keychain cannot decrypt', async () => {
    const file = storeFile();
    const { vault } = fakeVault();
    await safeStorageKeys(vault, file, keyFileStore(null)).setKey(SEP53_SECRET);
    const broken = { ...vault, decryptStringAsync: async () => Promise.reject(new Error('keychain locked')) };
    const store = safeStorageKeys(broken, file, keyFileStore(null));
    expect(await store.status()).toMatchObject({ configured: false, source: 'safeStorage', problem: expect.stringMatching(/cannot be decrypted .* clear it and set it again/) });
  });
});
