import { describe, expect, it } from 'vitest';
import { assertAccountId, crc16Xmodem, isAccountId, isContractId } from './strkey.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Test-only encoder, to build contract ids and corrupted keys. */
function encode(version: number, payload: Uint8Array): string {
  const body = Uint8Array.from([version, ...payload]);
  const crc = crc16Xmodem(body);
  const bytes = [...body, crc & 0xff, crc >> 8];
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

describe('strkey', () => {
  it('accepts real account ids', () => {
    for (const g of [
      'GCBOATLWKXACOWKRRWORARDI2HFDSYPALMTS23YBZKHOB6XLW6CARBON',
      'GABXJLJDNWRIGCVQPPC2FJ2NORUJBGLNOBYXKW7WQD3CUZS6YTFCS4ZP',
      'GC7CDWMCWNCY7JYUW5UBEOLNBSTNDKKZSFTHKGZNPPSOXLFYFX3CSINK',
    ]) {
      expect(isAccountId(g)).toBe(true);
      expect(isContractId(g)).toBe(false);
      expect(assertAccountId(g, 'funder')).toBe(g);
    }
  });
  it('rejects a changed character (checksum), wrong length, lowercase and other versions', () => {
    const g = 'GCBOATLWKXACOWKRRWORARDI2HFDSYPALMTS23YBZKHOB6XLW6CARBON';
    expect(isAccountId(g.slice(0, 10) + 'Z' + g.slice(11))).toBe(false);
    expect(isAccountId(g.slice(0, 55))).toBe(false);
    expect(isAccountId(g.toLowerCase())).toBe(false);
    expect(isAccountId(42)).toBe(false);
    expect(() => assertAccountId('GABC', 'recipient')).toThrow(/recipient/);
  });
  it('checks contract ids', () => {
    const c = encode(2 << 3, new Uint8Array(32).fill(7));
    expect(c.startsWith('C')).toBe(true);
    expect(isContractId(c)).toBe(true);
    expect(isAccountId(c)).toBe(false);
    const g = encode(6 << 3, new Uint8Array(32).fill(7));
    expect(isAccountId(g)).toBe(true);
  });
});
