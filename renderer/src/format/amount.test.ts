import { describe, expect, it } from 'vitest';
import { compareAmounts, formatAmount, fromUnits, sumAmounts, toUnits, formatPercentChange } from './amount';

describe('formatAmount', () => {
  it('groups thousands and keeps every decimal digit', () => {
    expect(formatAmount('2236.6785284')).toBe('2,236.6785284');
    expect(formatAmount('1234567890123456789.0000001')).toBe('1,234,567,890,123,456,789.0000001');
    expect(formatAmount('3.015')).toBe('3.015');
    expect(formatAmount('0.1')).toBe('0.1');
  });
  it('pads to a scale without rounding', () => {
    expect(formatAmount('3', { scale: 3 })).toBe('3.000');
    expect(formatAmount('3.1234', { scale: 3 })).toBe('3.1234');
  });
  it('handles integers, negatives and empties', () => {
    expect(formatAmount(12000)).toBe('12,000');
    expect(formatAmount('-1500.5')).toBe('-1,500.5');
    expect(formatAmount('-0.000')).toBe('0.000');
    expect(formatAmount(null)).toBe('');
    expect(formatAmount('')).toBe('');
    expect(formatAmount('n/a')).toBe('n/a');
  });
  it('never goes through a float', () => {
    // 0.1 + 0.2 style errors and 2^53 limits would show here.
    expect(formatAmount('9007199254740993.0000001')).toBe('9,007,199,254,740,993.0000001');
  });
});

describe('exact sums', () => {
  it('adds decimal strings at the largest scale', () => {
    expect(sumAmounts(['0.1', '0.2'])).toBe('0.3');
    expect(sumAmounts(['1.005', '2', '3.1234567'])).toBe('6.1284567');
    expect(sumAmounts([])).toBe('0');
    expect(sumAmounts(['-1.5', '1.5'])).toBe('0.0');
  });
  it('converts to and from units', () => {
    expect(toUnits('3.015', 3)).toBe(3015n);
    expect(fromUnits(3015n, 3)).toBe('3.015');
    expect(fromUnits(5n, 3)).toBe('0.005');
    expect(fromUnits(-5n, 7)).toBe('-0.0000005');
    expect(() => toUnits('1.2345', 3)).toThrow(/more than 3 decimals/);
  });
  it('compares exactly', () => {
    expect(compareAmounts('10.0000001', '10')).toBe(1);
    expect(compareAmounts('2', '10')).toBe(-1);
    expect(compareAmounts('1.50', '1.5')).toBe(0);
  });
  it('formats a relative change in percent', () => {
    expect([formatPercentChange(12.345), formatPercentChange(-3), formatPercentChange(0), formatPercentChange(null)]).toEqual(['+12.35 %', '-3.00 %', '0.00 %', '—']);
  });
});
