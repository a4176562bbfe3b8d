import type { YoyRow } from '../../../shared/api/views.js';
import type { ReadDb } from '../db/types.js';
import { ASSET_SCALE, CARBON_SCALE, formatDecimal } from '../domain/amount.js';

/**
 * Year-over-year analytics of sales, reproducing sc-audit's `view_yoy_analytics` (pandas):
 * - price = dest amount / carbon for sales paid out in USDC, NaN otherwise; then linearly interpolated by
 *   *row position* (pandas `interpolate('linear')` ignores the time axis), leading gaps left empty, and
 *   carried forward after the last USDC sale (`ffill`);
 * - sales whose dest asset is CARBON are valued at price × carbon; other dest assets keep their own amount;
 * - per year: mau = mean over the months with sales of distinct recipients, num_tx, volume_usd (NaN skipped),
 *   carbon_sunk (exact); yoy_* = % change from the previous listed year; mau, volume and yoy rounded to 2
 *   decimals half-to-even like numpy.
 * Floats are used where sc-audit uses floats, so the rounded figures match; carbon_sunk stays exact.
 */
interface Sale {
  year: number;
  month: number;
  recipient: string;
  destCode: string;
  dest: number;
  carbonKg: bigint;
}

export function yoyAnalytics(db: ReadDb): YoyRow[] {
  const raw = db
    .prepare('SELECT created_at, recipient, dest_asset_code, dest_asset_amount, carbon_amount FROM sinking_txs ORDER BY toid')
    .safeIntegers(true)
    .all() as { created_at: string; recipient: string; dest_asset_code: string; dest_asset_amount: bigint; carbon_amount: bigint }[];
  const sales: Sale[] = raw.map((r) => ({
    year: Number(r.created_at.slice(0, 4)),
    month: Number(r.created_at.slice(5, 7)),
    recipient: r.recipient,
    destCode: r.dest_asset_code,
    dest: Number(formatDecimal(r.dest_asset_amount, ASSET_SCALE)),
    carbonKg: r.carbon_amount,
  }));
  if (sales.length === 0) return [];
  const prices = interpolatedPrices(sales);
  const usd = sales.map((s, i) => (s.destCode === 'CARBON' ? (prices[i] as number) * tonnes(s.carbonKg) : s.dest));
  return yearlyRows(sales, usd);
}

function tonnes(kg: bigint): number {
  return Number(formatDecimal(kg, CARBON_SCALE));
}

/** USDC prices per sale: linear between known prices by position, carried forward at the end. */
export function interpolatedPrices(sales: Pick<Sale, 'destCode' | 'dest' | 'carbonKg'>[]): number[] {
  const prices = sales.map((s) => (s.destCode === 'USDC' ? s.dest / tonnes(s.carbonKg) : NaN));
  const known = prices.flatMap((p, i) => (Number.isNaN(p) ? [] : [i]));
  for (let k = 0; k + 1 < known.length; k++) {
    const a = known[k] as number;
    const b = known[k + 1] as number;
    const pa = prices[a] as number;
    const pb = prices[b] as number;
    // numpy.interp: fp[a] + (x - xa) * (fp[b] - fp[a]) / (xb - xa)
    for (let i = a + 1; i < b; i++) prices[i] = pa + ((i - a) * (pb - pa)) / (b - a);
  }
  const lastKnown = known[known.length - 1];
  if (lastKnown !== undefined) for (let i = lastKnown + 1; i < prices.length; i++) prices[i] = prices[lastKnown] as number;
  return prices;
}

function yearlyRows(sales: Sale[], usd: number[]): YoyRow[] {
  const years = new Map<number, { numTx: number; volume: number; carbonKg: bigint; months: Map<number, Set<string>> }>();
  sales.forEach((s, i) => {
    let y = years.get(s.year);
    if (!y) {
      y = { numTx: 0, volume: 0, carbonKg: 0n, months: new Map() };
      years.set(s.year, y);
    }
    y.numTx += 1;
    const v = usd[i] as number;
    if (!Number.isNaN(v)) y.volume += v; // pandas sum skips NaN
    y.carbonKg += s.carbonKg;
    const m = y.months.get(s.month) ?? new Set<string>();
    m.add(s.recipient);
    y.months.set(s.month, m);
  });
  const ordered = [...years.entries()].sort((a, b) => a[0] - b[0]);
  const rows: YoyRow[] = [];
  let prev: { mau: number; numTx: number; volume: number; carbon: number } | null = null;
  for (const [year, y] of ordered) {
    const counts = [...y.months.values()].map((s) => s.size);
    const mau = roundHalfEven(counts.reduce((a, b) => a + b, 0) / counts.length, 2);
    const volume = roundHalfEven(y.volume, 2);
    const carbon = tonnes(y.carbonKg);
    rows.push({
      year,
      mau,
      yoy_mau: prev ? pctChange(prev.mau, mau) : null,
      num_tx: y.numTx,
      yoy_num_tx: prev ? pctChange(prev.numTx, y.numTx) : null,
      volume_usd: volume.toFixed(2),
      yoy_volume_usd: prev ? pctChange(prev.volume, volume) : null,
      carbon_sunk: formatDecimal(y.carbonKg, CARBON_SCALE),
      yoy_carbon_sunk: prev ? pctChange(prev.carbon, carbon) : null,
    });
    prev = { mau, numTx: y.numTx, volume, carbon };
  }
  return rows;
}

/** pandas pct_change × 100, rounded; a change from zero has no finite value and is reported as null. */
function pctChange(before: number, after: number): number | null {
  const v = (after / before - 1) * 100;
  return Number.isFinite(v) ? roundHalfEven(v, 2) : null;
}

/** numpy.round: scale, round half to even, unscale. */
export function roundHalfEven(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const y = x * f;
  const r = Math.round(y);
  const tie = Math.abs(y - Math.trunc(y)) === 0.5;
  const even = tie && r % 2 !== 0 ? r - 1 : r;
  return (tie ? even : r) / f;
}
