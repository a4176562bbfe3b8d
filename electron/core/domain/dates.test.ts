import { describe, expect, it } from 'vitest';
import { parseIsoDate, toUtcDateTime } from './dates.js';

describe('parseIsoDate', () => {
  it('accepts real calendar dates', () => {
    expect(parseIsoDate('2024-02-29', 'from')).toBe('2024-02-29');
    expect(parseIsoDate('2021-11-20', 'from')).toBe('2021-11-20');
  });
  it('refuses impossible dates and other shapes, naming the field', () => {
    for (const bad of ['2023-02-29', '2021-13-01', '2021-00-10', '2021-04-31', '2021-1-1', '20211120', '2021-11-20T00:00:00', ' 2021-11-20', '']) {
      expect(() => parseIsoDate(bad, 'before-date'), bad).toThrow(/before-date/);
    }
  });
});

describe('toUtcDateTime', () => {
  it('drops the Z of Horizon times', () => {
    expect(toUtcDateTime('2021-11-20T18:50:04Z')).toBe('2021-11-20T18:50:04');
  });
  it('converts explicit offsets to UTC', () => {
    expect(toUtcDateTime('2021-11-20T20:50:04+02:00')).toBe('2021-11-20T18:50:04');
    expect(toUtcDateTime('2021-11-20T18:50:04.000Z')).toBe('2021-11-20T18:50:04');
  });
  it('refuses times without a zone or junk', () => {
    for (const bad of ['2021-11-20T18:50:04', '2021-11-20', 'yesterday', '2021-02-30T00:00:00Z']) {
      expect(() => toUtcDateTime(bad), bad).toThrow();
    }
  });
});
