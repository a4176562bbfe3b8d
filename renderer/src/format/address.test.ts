import { describe, expect, it } from 'vitest';
import { addressExplorerUrl, addressKindLabel, contractExplorerUrl, shortAddress, shortHash, shortenMiddle, txExplorerUrl } from './address';
import { distributionTxsParams, sinkingTxsParams } from '../../../shared/api/views';
import { fieldProblem } from '../state/urlParams';

/** The filter bar's checks, which are the API schemas' own. */
const saleAddressProblem = fieldProblem(sinkingTxsParams, 'funder');
const accountIdProblem = fieldProblem(distributionTxsParams, 'recipient');

const ACCOUNT = 'GABXJLJDNWRIGCVQPPC2FJ2NORUJBGLNOBYXKW7WQD3CUZS6YTFCS4ZP';
/** StrKey.encodeContract(sha256('a funding contract')) from @stellar/stellar-base (electron/testkit/contractSaleDump.ts). */
const CONTRACT = 'CCD3QM2XR4U5FAXFT4SIPROZ72APTZ2XUAZTF4QW2UT2XZ4FJNGTFC55';
const BAD_CONTRACT = `${CONTRACT.slice(0, 30)}A${CONTRACT.slice(31)}`;
const HASH = 'a'.repeat(32) + 'b'.repeat(32);

describe('addresses and hashes', () => {
  it('keeps both ends of an account id', () => {
    expect(shortAddress(ACCOUNT)).toBe('GABX…S4ZP');
    expect(shortAddress(null)).toBe('');
  });
  it('keeps both ends of a contract id', () => {
    expect(shortAddress(CONTRACT)).toBe('CCD3…FC55');
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
  it('links an account to its account page and a contract to its contract page', () => {
    expect(addressExplorerUrl(ACCOUNT)).toBe(`https://stellar.expert/explorer/public/account/${ACCOUNT}`);
    expect(addressExplorerUrl(CONTRACT)).toBe(`https://stellar.expert/explorer/public/contract/${CONTRACT}`);
    expect(contractExplorerUrl(CONTRACT)).toBe(addressExplorerUrl(CONTRACT));
    expect(addressExplorerUrl(BAD_CONTRACT)).toBeNull();
    expect(addressExplorerUrl('not an address')).toBeNull();
    expect([addressKindLabel(ACCOUNT), addressKindLabel(CONTRACT), addressKindLabel(BAD_CONTRACT)]).toEqual(['account', 'contract', 'address']);
  });
  it('takes a contract in the sale filters only, and says what is wrong', () => {
    expect(saleAddressProblem(CONTRACT)).toBeNull();
    expect(saleAddressProblem(ACCOUNT)).toBeNull();
    expect(saleAddressProblem(BAD_CONTRACT)).toBe('Not a valid contract id (bad checksum)');
    expect(saleAddressProblem('CABC')).toBe('A contract id has 56 characters (this has 4)');
    expect(saleAddressProblem('GABC')).toBe('An account id has 56 characters (this has 4)');
    expect(saleAddressProblem('xyz')).toBe('An account id starts with G, a contract id with C');
    expect(accountIdProblem(ACCOUNT)).toBeNull();
    expect(accountIdProblem(CONTRACT)).toBe('An account id starts with G');
  });
});
