import { sumAmounts } from './amount';

/**
 * Chart series built from view rows. Sums are exact (decimal strings); `value` numbers exist only for the
 * chart geometry, the exact string goes to the tooltip.
 */
export interface MonthPoint {
  month: string;
  sunk: string;
  sunkCum: string;
  retired: string;
  retiredCum: string;
}

/** 'YYYY-MM' from first to last, inclusive, with no gaps. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

function byMonth(items: { at: string; amount: string | number }[]): Map<string, string> {
  const groups = new Map<string, (string | number)[]>();
  for (const it of items) {
    const k = it.at.slice(0, 7);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(it.amount);
  }
  return new Map([...groups].map(([k, v]) => [k, sumAmounts(v)]));
}

/** Carbon sunk and retired per month, and both cumulated, over every month from the first to the last record. */
export function monthlySeries(sunk: { at: string; amount: string | number }[], retired: { at: string; amount: string | number }[]): MonthPoint[] {
  const all = [...sunk, ...retired].map((x) => x.at.slice(0, 7)).sort();
  if (all.length === 0) return [];
  const s = byMonth(sunk);
  const r = byMonth(retired);
  let sc = '0';
  let rc = '0';
  return monthRange(all[0]!, all[all.length - 1]!).map((month) => {
    const sv = s.get(month) ?? '0';
    const rv = r.get(month) ?? '0';
    sc = sumAmounts([sc, sv]);
    rc = sumAmounts([rc, rv]);
    return { month, sunk: sv, sunkCum: sc, retired: rv, retiredCum: rc };
  });
}

/** Last day of a 'YYYY-MM' month, as YYYY-MM-DD. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(d).padStart(2, '0')}`;
}
