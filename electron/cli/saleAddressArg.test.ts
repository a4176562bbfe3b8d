import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { accountId, contractId } from '../testkit/synthetic/strkeys.js';
import { parseSaleAddressArg } from './cliArgs.js';

describe('--funder / --recipient of a sale', () => {
  it('take an account (G…) or a contract (C…), as contract-call sales may have either', () => {
    const g = accountId('a buyer');
    const c = contractId('a wallet contract');
    expect(parseSaleAddressArg(g)).toBe(g);
    expect(parseSaleAddressArg(c)).toBe(c);
  });

  it('refuse a bad checksum or another kind of key with a clear message', () => {
    const c = contractId('a wallet contract');
    const broken = `${c.slice(0, 55)}${c.endsWith('A') ? 'B' : 'A'}`;
    expect(() => parseSaleAddressArg(broken)).toThrow(InvalidArgumentError);
    expect(() => parseSaleAddressArg(broken)).toThrow(/Not a valid contract .*bad checksum/);
    expect(() => parseSaleAddressArg('SB3KJ2ZPLQ4V7XQHPJDC4JZ2JP7SQ4ZVJ6QX3AJ2ZPLQ4V7XQHPJDC4J')).toThrow(InvalidArgumentError);
  });
});
