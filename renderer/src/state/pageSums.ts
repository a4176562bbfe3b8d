import { sumAmounts } from '../format/amount';

/** Which amount of a row each summed column adds up, by column id. */
export type SumColumns<Row> = Partial<Record<string, (row: Row) => string | number | null | undefined>>;

/**
 * The totals row of keyset-loaded pages, kept as a running sum: each page is summed once (loaded pages are never
 * changed, only appended to), and the totals add up the page sums. Loading page 50 sums 100 rows, not 5,000.
 * The summer holds its page sums weakly, so pages of an old query are freed with it.
 */
export function pageSummer<Row>(columns: SumColumns<Row>): (pages: readonly (readonly Row[])[]) => Record<string, string> {
  const entries = Object.entries(columns).filter((e): e is [string, (row: Row) => string | number | null | undefined] => e[1] !== undefined);
  const perPage = new WeakMap<readonly Row[], Record<string, string>>();
  const sumOf = (page: readonly Row[]): Record<string, string> => {
    let sums = perPage.get(page);
    if (!sums) {
      sums = Object.fromEntries(entries.map(([id, amount]) => [id, sumAmounts(page.map(amount))]));
      perPage.set(page, sums);
    }
    return sums;
  };
  return (pages) => {
    const sums = pages.map(sumOf);
    return Object.fromEntries(entries.map(([id]) => [id, sumAmounts(sums.map((s) => s[id]))]));
  };
}
