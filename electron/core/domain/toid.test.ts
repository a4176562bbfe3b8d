import { describe, expect, it } from 'vitest';
import { incrementToid, makeToid, parseToid, toidParts } from './toid.js';

describe('toid', () => {
  it('splits and rebuilds a real paging token', () => {
    const t = parseToid('164821723627237383');
    expect(toidParts(t)).toEqual({ ledger: 38375548, txOrder: 283, opOrder: 7 });
    expect(makeToid(38375548, 283, 7)).toBe(t);
  });
  it('increments by one operation', () => {
    expect(incrementToid(251359344637140997n)).toBe(251359344637140998n);
    expect(incrementToid(169362461836423169n).toString()).toBe('169362461836423170');
  });
  it('carries into tx_order at 4096 and into the ledger at 2^20', () => {
    expect(incrementToid(makeToid(10, 5, 4095))).toBe(makeToid(10, 6, 0));
    expect(incrementToid(makeToid(10, 2 ** 20 - 1, 4095))).toBe(makeToid(11, 0, 0));
  });
  it('refuses numbers that may have lost digits, and junk', () => {
    expect(() => parseToid(2 ** 57 + 8)).toThrow(/safe integer/);
    expect(parseToid(12345)).toBe(12345n);
    expect(parseToid(7n)).toBe(7n);
    for (const junk of ['', '-1', '1.5', '1e5', 'abc', '99999999999999999999']) expect(() => parseToid(junk)).toThrow();
    expect(() => parseToid(1n << 63n)).toThrow(/int64/);
  });
  it('refuses out-of-range parts', () => {
    expect(() => makeToid(1, 2 ** 20, 0)).toThrow();
    expect(() => makeToid(1, 0, 4096)).toThrow();
  });
});
