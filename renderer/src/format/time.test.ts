import { describe, expect, it } from 'vitest';
import { formatDuration, formatLocal, formatUtc, parseUtc, todayUtc } from './time';

describe('UTC times', () => {
  it('reads API datetimes as UTC, never local', () => {
    expect(parseUtc('2023-01-02T03:04:05')?.toISOString()).toBe('2023-01-02T03:04:05.000Z');
    expect(parseUtc('2023-01-02T03:04:05Z')?.toISOString()).toBe('2023-01-02T03:04:05.000Z');
    expect(parseUtc('nonsense')).toBeNull();
  });
  it('shows UTC in tables', () => {
    expect(formatUtc('2023-01-02T03:04:05')).toBe('2023-01-02 03:04:05 UTC');
    expect(formatUtc('2023-01-02')).toBe('2023-01-02');
    expect(formatUtc(null)).toBe('');
  });
  it('offers local time with its offset on hover', () => {
    expect(formatLocal('2023-01-02T23:30:00', 120)).toBe('2023-01-03 01:30:00 local (UTC+02:00)');
    expect(formatLocal('2023-01-02T03:04:05', -330)).toBe('2023-01-01 21:34:05 local (UTC-05:30)');
    expect(formatLocal('2023-01-02T03:04:05', 0)).toBe('2023-01-02 03:04:05 local (UTC+00:00)');
  });
  it('formats durations and today', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12.4 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(null)).toBe('');
    expect(todayUtc(new Date('2024-03-01T23:59:59Z'))).toBe('2024-03-01');
  });
});
