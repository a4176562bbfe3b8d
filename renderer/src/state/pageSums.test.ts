import { describe, expect, it } from 'vitest';
import { sumAmounts } from '../format/amount';
import { pageSummer } from './pageSums';

interface Sale {
  carbon: string;
  paid: string | null;
}

const page = (...carbon: string[]): Sale[] => carbon.map((c, i) => ({ carbon: c, paid: i % 2 ? null : `${c}0` }));

describe('running page sums', () => {
  it('equals the exact sum over all loaded rows, at the largest scale', () => {
    const sum = pageSummer<Sale>({ carbon: (r) => r.carbon, paid: (r) => r.paid });
    const pages = [page('1.5', '2.25', '0.000001'), page('10', '-3.5'), page('0.1', '0.2')];
    const rows = pages.flat();
    expect(sum(pages)).toEqual({ carbon: sumAmounts(rows.map((r) => r.carbon)), paid: sumAmounts(rows.map((r) => r.paid)) });
    expect(sum(pages).carbon).toBe('10.550001');
  });

  it('sums a loaded page once: appending a page reads only the new rows', () => {
    let reads = 0;
    const sum = pageSummer<Sale>({
      carbon: (r) => {
        reads += 1;
        return r.carbon;
      },
    });
    const first = page('1', '2', '3');
    expect(sum([first])).toEqual({ carbon: '6' });
    expect(reads).toBe(3);
    expect(sum([first, page('4', '5')])).toEqual({ carbon: '15' });
    expect(reads).toBe(5);
  });

  it('gives 0 for no pages and keeps a column without rows at 0', () => {
    expect(pageSummer<Sale>({ carbon: (r) => r.carbon })([])).toEqual({ carbon: '0' });
    expect(pageSummer<Sale>({ paid: (r) => r.paid })([[{ carbon: '1', paid: null }]])).toEqual({ paid: '0' });
  });
});
