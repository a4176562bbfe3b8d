import { describe, expect, it } from 'vitest';
import { shortAddress, shortHash, shortenMiddle, txExplorerUrl } from './address';

const ACCOUNT = 'GABXJLJDNWRIGCVQPPC2FJ2NORUJBGLNOBYXKW7WQD3CUZS6YTFCS4ZP';
const HASH = 'a'.repeat(32) + 'b'.repeat(32);

describe('addresses and hashes', () => {
  it('keeps both ends of an account id', () => {
    expect(shortAddress(ACCOUNT)).toBe('GABX…S4ZP');
    expect(shortAddress(null)).toBe('');
  });
  it('keeps more of a hash', () => {
    expect(shortHash(HASH)).toBe('aaaaaaaa…bbbbbb');
  });
  it('leaves short values alone', () => {
    expect(shortenMiddle('GABC', 4, 4)).toBe('GABC');
    expect(shortenMiddle('123456789', 4, 4)).toBe('123456789');
    expect(shortenMiddle('1234567890', 4, 4)).toBe('1234…7890');
  });
  it('links to a public explorer over https', () => {
    expect(txExplorerUrl(HASH)).toBe(`https://stellar.expert/explorer/public/tx/${HASH}`);
  });
});
