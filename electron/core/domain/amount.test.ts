import { describe, expect, it } from 'vitest';
import { ASSET_SCALE, CARBON_SCALE, formatDecimal, parseDecimal } from './amount.js';

describe('parseDecimal', () => {
  it('parses exact minor units', () => {
    expect(parseDecimal('1', CARBON_SCALE)).toBe(1000n);
    expect(parseDecimal('1.0', CARBON_SCALE)).toBe(1000n);
    expect(parseDecimal('3.015', CARBON_SCALE)).toBe(3015n);
    expect(parseDecimal('0.0000007', ASSET_SCALE)).toBe(7n);
    expect(parseDecimal('2236.6785284', ASSET_SCALE)).toBe(22366785284n);
    expect(parseDecimal('123456789012345.1234567', ASSET_SCALE)).toBe(1234567890123451234567n);
  });
  it('accepts extra digits beyond the scale only when they are zeros', () => {
    expect(parseDecimal('1.0000000', CARBON_SCALE)).toBe(1000n);
    expect(() => parseDecimal('1.0000001', CARBON_SCALE, 'carbon_amount')).toThrow(/carbon_amount.*more than 3 decimals/);
  });
  it('rejects junk and negatives, naming the label', () => {
    for (const junk of ['', '.5', '1.', '1e3', '-0.5', ' 1', '1,5', 'NaN', '0x10']) {
      expect(() => parseDecimal(junk, 3, 'amt')).toThrow(/amt/);
    }
    try {
      parseDecimal('x', 3);
    } catch (err) {
      expect((err as { code: string }).code).toBe('BAD_INPUT');
    }
  });
});

describe('formatDecimal', () => {
  it('always prints scale decimals', () => {
    expect(formatDecimal(3015n, 3)).toBe('3.015');
    expect(formatDecimal(31000n, 3)).toBe('31.000');
    expect(formatDecimal(22366785284n, 7)).toBe('2236.6785284');
    expect(formatDecimal(7n, 7)).toBe('0.0000007');
    expect(formatDecimal(0, 3)).toBe('0.000');
    expect(formatDecimal(-15, 3)).toBe('-0.015');
    expect(formatDecimal(5, 0)).toBe('5');
  });
  it('round-trips with parseDecimal', () => {
    for (const t of ['0.000', '1.500', '999999999999.999']) expect(formatDecimal(parseDecimal(t, 3), 3)).toBe(t);
  });
  it('refuses unsafe numbers', () => {
    expect(() => formatDecimal(2 ** 60, 3)).toThrow();
  });
});
