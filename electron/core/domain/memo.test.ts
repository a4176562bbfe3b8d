import { describe, expect, it } from 'vitest';
import { hashMemoToHex } from './memo.js';
import { sha256Hex } from './hash.js';

describe('hash memo', () => {
  it('decodes base64 of 32 bytes into lowercase hex', () => {
    const hex = '016023e64fefb1304a73aeab0877db032d7feceff25e390c00cf15d3fc4cfb79';
    const b64 = Buffer.from(hex, 'hex').toString('base64');
    expect(hashMemoToHex(b64)).toBe(hex);
  });
  it('refuses other lengths and junk', () => {
    expect(() => hashMemoToHex(Buffer.alloc(31).toString('base64'))).toThrow(/32 bytes/);
    expect(() => hashMemoToHex('not base64')).toThrow();
    expect(() => hashMemoToHex('')).toThrow();
    // non-canonical: the last character carries bits that do not belong to the 32 bytes
    expect(() => hashMemoToHex('AYAj5k/vsTBKc66rCHfbAy1/7O/yXjkMAM8V0/xM+3n=')).toThrow();
  });
});

describe('sha256Hex', () => {
  it('hashes UTF-8 text', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('8040-449402275-449402275-VCU-042-MER-PE-14-1360-01072013-30062014-1')).toBe(
      '016023e64fefb1304a73aeab0877db032d7feceff25e390c00cf15d3fc4cfb79',
    );
    expect(sha256Hex('m³')).toBe(sha256Hex('m\u00b3'));
  });
});
