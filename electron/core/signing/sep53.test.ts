import { Keypair } from '@stellar/stellar-base';
import { describe, expect, it } from 'vitest';
import { OTHER_SECRET, SEP53_PUBLIC, SEP53_SECRET } from '../../testkit/signingKeys.js';
import { decodeSignature, sep53Hash, signMessage, verifyMessage } from './sep53.js';

// The vectors of SEP-53 itself (ecosystem/sep-0053.md), the ones the Stellar CLI's `stellar message` tests use.
const VECTORS = [
  ['Hello, World!', 'fO5dbYhXUhBMhe6kId/cuVq/AfEnHRHEvsP8vXh03M1uLpi5e46yO2Q8rEBzu3feXQewcQE5GArp88u6ePK6BA=='],
  ['こんにちは、世界！', 'CDU265Xs8y3OWbB/56H9jPgUss5G9A0qFuTqH2zs2YDgTm+++dIfmAEceFqB7bhfN3am59lCtDXrCtwH2k1GBA=='],
] as const;

describe('SEP-53 signatures', () => {
  it('the example key is the SEP-53 example account', () => {
    expect(Keypair.fromSecret(SEP53_SECRET).publicKey()).toBe(SEP53_PUBLIC);
  });

  it.each(VECTORS)('signs %j exactly as the specification does, and verifies it', (message, signature) => {
    expect(signMessage(Keypair.fromSecret(SEP53_SECRET), message)).toBe(signature);
    expect(verifyMessage(SEP53_PUBLIC, message, signature)).toBe(true);
  });

  it('hashes the prefix and the message, not the message alone', () => {
    const plain = Keypair.fromSecret(SEP53_SECRET).sign(Buffer.from('Hello, World!')).toString('base64');
    expect(plain).not.toBe(VECTORS[0][1]);
    expect(sep53Hash('Hello, World!').toString('hex')).toHaveLength(64);
  });

  it('refuses an altered message, another key, and a malformed signature', () => {
    const [message, signature] = VECTORS[0];
    expect(verifyMessage(SEP53_PUBLIC, `${message} `, signature)).toBe(false);
    expect(verifyMessage(Keypair.fromSecret(OTHER_SECRET).publicKey(), message, signature)).toBe(false);
    expect(verifyMessage(SEP53_PUBLIC, message, signature.slice(0, -4))).toBe(false);
    expect(verifyMessage('GNOTAKEY', message, signature)).toBe(false);
    expect(decodeSignature('not base64!')).toBeNull();
  });
});
