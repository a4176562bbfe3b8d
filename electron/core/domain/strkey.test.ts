import { StrKey } from '@stellar/stellar-base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressProblem } from '../../../shared/strkey.js';
import { assertAccountId, assertAccountOrContractId, isAccountId, isAccountOrContractId, isContractId, strkeyKind } from './strkey.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b));
const G = 'GCBOATLWKXACOWKRRWORARDI2HFDSYPALMTS23YBZKHOB6XLW6CARBON';
const C = StrKey.encodeContract(Buffer.alloc(32, 7));

describe('strkey', () => {
  it('accepts real account ids', () => {
    for (const g of [G, 'GABXJLJDNWRIGCVQPPC2FJ2NORUJBGLNOBYXKW7WQD3CUZS6YTFCS4ZP', 'GC7CDWMCWNCY7JYUW5UBEOLNBSTNDKKZSFTHKGZNPPSOXLFYFX3CSINK']) {
      expect(isAccountId(g)).toBe(true);
      expect(isContractId(g)).toBe(false);
      expect(strkeyKind(g)).toBe('account');
      expect(assertAccountId(g, 'funder')).toBe(g);
      expect(assertAccountOrContractId(g, 'funder')).toBe(g);
    }
  });

  it('rejects a changed character (checksum), wrong length, lowercase and other versions', () => {
    expect(isAccountId(G.slice(0, 10) + 'Z' + G.slice(11))).toBe(false);
    expect(isAccountId(G.slice(0, 55))).toBe(false);
    expect(isAccountId(G.toLowerCase())).toBe(false);
    expect(isAccountId(42)).toBe(false);
    expect(() => assertAccountId('GABC', 'recipient')).toThrow(/recipient/);
  });

  it('checks contract ids, and takes either where a sale party is meant', () => {
    expect(C.startsWith('C')).toBe(true);
    expect(isContractId(C)).toBe(true);
    expect(isAccountId(C)).toBe(false);
    expect(strkeyKind(C)).toBe('contract');
    expect(isAccountOrContractId(C)).toBe(true);
    expect(assertAccountOrContractId(C, 'recipient')).toBe(C);
    const badC = C.slice(0, 20) + (C[20] === 'A' ? 'B' : 'A') + C.slice(21);
    expect(isAccountOrContractId(badC)).toBe(false);
    expect(strkeyKind(badC)).toBeNull();
    expect(() => assertAccountOrContractId(badC, 'recipient')).toThrow(/^recipient: .* is not a valid Stellar account id \(G…\) or contract id \(C…\)/);
    // Other strkey kinds are neither: a secret seed, a pre-auth tx hash, a muxed account.
    expect(isAccountOrContractId(StrKey.encodeEd25519SecretSeed(Buffer.alloc(32, 7)))).toBe(false);
    expect(isAccountOrContractId(StrKey.encodePreAuthTx(Buffer.alloc(32, 7)))).toBe(false);
    expect(isAccountOrContractId(StrKey.encodeMed25519PublicKey(Buffer.alloc(40, 7)))).toBe(false);
  });

  it('says what is wrong, for the filter bar and the API', () => {
    const both = ['account', 'contract'] as const;
    expect(addressProblem(G, both)).toBeNull();
    expect(addressProblem(C, both)).toBeNull();
    expect(addressProblem(C, ['account'])).toBe('An account id starts with G');
    expect(addressProblem('GABC', ['account'])).toBe('An account id has 56 characters (this has 4)');
    expect(addressProblem('CABC', both)).toBe('A contract id has 56 characters (this has 4)');
    expect(addressProblem('nobody', both)).toBe('An account id starts with G, a contract id with C');
    expect(addressProblem(`${C.slice(0, 55)}1`, both)).toBe('A contract id holds only the capital letters A–Z and the digits 2–7');
    expect(addressProblem(`${C.slice(0, 55)}${C.endsWith('A') ? 'B' : 'A'}`, both)).toBe('Not a valid contract id (bad checksum)');
    expect(addressProblem(`${G.slice(0, 55)}M`, both)).toBe('Not a valid account id (bad checksum)');
  });
});

/** Our validator (shared/strkey.ts, one implementation for the core and the renderer) against the SDK's. */
describe('strkey agrees with @stellar/stellar-base', () => {
  it('accepts what StrKey encodes', () => {
    fc.assert(
      fc.property(bytes32, (key) => {
        expect(isAccountId(StrKey.encodeEd25519PublicKey(key))).toBe(true);
        expect(isContractId(StrKey.encodeContract(key))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses exactly what StrKey refuses, for any one-character change', () => {
    fc.assert(
      fc.property(bytes32, fc.boolean(), fc.nat(55), fc.constantFrom(...BASE32), (key, contract, pos, ch) => {
        const id = contract ? StrKey.encodeContract(key) : StrKey.encodeEd25519PublicKey(key);
        const changed = id.slice(0, pos) + ch + id.slice(pos + 1);
        expect(isAccountId(changed)).toBe(StrKey.isValidEd25519PublicKey(changed));
        expect(isContractId(changed)).toBe(StrKey.isValidContract(changed));
        if (changed !== id) expect(isAccountOrContractId(changed)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.stringMatching(/^[GC][A-Z2-7]{55}$/)), (s) => {
        expect(isAccountId(s)).toBe(StrKey.isValidEd25519PublicKey(s));
        expect(isContractId(s)).toBe(StrKey.isValidContract(s));
      }),
      { numRuns: 500 },
    );
  });
});
