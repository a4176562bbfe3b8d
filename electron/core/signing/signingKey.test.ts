import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFile, SEP53_PUBLIC, SEP53_SECRET, tempFolder } from '../../testkit/signingKeys.js';
import { keyFileStore, readSigningKeyFile, requireKeypair } from './signingKey.js';

describe('the signing key file', () => {
  it('reads an S… seed (surrounding white space and a final newline are fine)', () => {
    expect(readSigningKeyFile(keyFile(`  ${SEP53_SECRET}  `)).publicKey()).toBe(SEP53_PUBLIC);
  });

  it('names a missing file, a public key given instead of a seed, and text that is no seed, never echoing the content', () => {
    const missing = path.join(tempFolder(), 'nope.key');
    expect(() => readSigningKeyFile(missing)).toThrow(`The signing key file ${missing} does not exist.`);
    expect(() => readSigningKeyFile(keyFile(SEP53_PUBLIC))).toThrow(/holds a public key \(G…\); signing needs the secret seed \(S…\)/);
    const bad = `${SEP53_SECRET.slice(0, -1)}A`;
    let message = '';
    try {
      readSigningKeyFile(keyFile(bad));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/does not hold a Stellar secret seed/);
    expect(message).not.toContain(bad.slice(0, 20));
  });

  it.skipIf(process.platform === 'win32')('warns when others can read the file, and still reads it', () => {
    const warnings: string[] = [];
    const file = keyFile(SEP53_SECRET, 0o644);
    expect(readSigningKeyFile(file, (m) => warnings.push(m)).publicKey()).toBe(SEP53_PUBLIC);
    expect(warnings).toEqual([`The signing key file ${file} can be read by other users (mode 644); run: chmod 600 ${file}`]);
    expect(readSigningKeyFile(keyFile(), (m) => warnings.push(m)) && warnings).toHaveLength(1);
  });

  it('the key file store: status with the public key, a problem named, no storing', async () => {
    const file = keyFile();
    expect(await keyFileStore(file).status()).toEqual({ configured: true, publicKey: SEP53_PUBLIC, source: 'keyFile', keyFile: file, canStore: false, problem: null });
    expect(await keyFileStore(null).status()).toMatchObject({ configured: false, source: null });
    fs.rmSync(file);
    expect(await keyFileStore(file).status()).toMatchObject({ configured: false, source: 'keyFile', problem: `The signing key file ${file} does not exist.` });
    await expect(keyFileStore(file).setKey(SEP53_SECRET)).rejects.toThrow(/read from a key file here, not stored by the app: .*set SC_SIGNING_KEY_FILE \(now .*signing\.key\)/);
    await expect(requireKeypair(keyFileStore(undefined))).rejects.toThrow(/No signing key is configured: pass --key-file FILE or set SC_SIGNING_KEY_FILE/);
  });
});
