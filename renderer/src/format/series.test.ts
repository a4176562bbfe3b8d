import { describe, expect, it } from 'vitest';
import { monthEnd, monthRange, monthlySeries } from './series';

describe('chart series', () => {
  it('fills every month between the first and the last', () => {
    expect(monthRange('2021-11', '2022-02')).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
    expect(monthRange('2022-02', '2022-02')).toEqual(['2022-02']);
  });
  it('sums exactly per month and cumulates', () => {
    const s = monthlySeries(
      [
        { at: '2021-11-20T13:06:51', amount: '0.1' },
        { at: '2021-11-21T00:00:00', amount: '0.2' },
        { at: '2022-01-02T00:00:00', amount: '1.005' },
      ],
      [{ at: '2021-12-03', amount: 1 }],
    );
    expect(s.map((p) => [p.month, p.sunk, p.sunkCum, p.retired, p.retiredCum])).toEqual([
      ['2021-11', '0.3', '0.3', '0', '0'],
      ['2021-12', '0', '0.3', '1', '1'],
      ['2022-01', '1.005', '1.305', '0', '1'],
    ]);
    expect(monthlySeries([], [])).toEqual([]);
  });
  it('knows month ends', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2022-01')).toBe('2022-01-31');
  });
});
