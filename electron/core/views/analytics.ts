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
 * Floats are used where sc-audit uses floats, in the same order (so the figures are the same to the bit as when
 * every sale was a row object); carbon_sunk stays exact.
 */
const USDC = 1;
const CARBON = 2;
const SALE_FUNCTION = 'sc_yoy_sale';

/**
 * One statement, so one snapshot of the data, no table row read:
 * - every sale in toid order ((created_at, toid) is the toid order: ledgers close in time order, migration 007),
 *   over idx_stx_created_toid, which covers these columns (migration 009). The function is called from the WHERE
 *   of a scan that returns no row (it answers 0), per index entry in the ORDER BY's order (LIMIT -1 keeps the
 *   subquery's ORDER BY): no co-routine hands each sale on to an outer aggregate. It keeps a sale's dest asset
 *   (a code) and amounts in typed arrays. Amounts come as numbers, exact below 2^53; a larger one comes as text
 *   and is converted exactly;
 * - the sales of each year, counted over idx_stx_created_toid between the first and the last year: a year's sales
 *   are a run of that order, so no year is computed per sale (substr per row was a third of the pass);
 * - the distinct recipients of each month, counted in SQL over idx_stx_month_recipient (month text, recipient),
 *   which hands them over in order: no recipient text crosses into JavaScript.
 */
const YOY_SQL = `WITH RECURSIVE
    pass (n) AS (
      SELECT count(*) FROM (SELECT 1 FROM sinking_txs
        WHERE ${SALE_FUNCTION}(CASE dest_asset_code WHEN 'USDC' THEN ${USDC} WHEN 'CARBON' THEN ${CARBON} ELSE 0 END,
          CASE WHEN abs(dest_asset_amount) > 9007199254740991 THEN CAST(dest_asset_amount AS TEXT) ELSE dest_asset_amount END,
          CASE WHEN abs(carbon_amount) > 9007199254740991 THEN CAST(carbon_amount AS TEXT) ELSE carbon_amount END)
        ORDER BY created_at, toid LIMIT -1)),
    span (first, last) AS (SELECT CAST(substr((SELECT min(created_at) FROM sinking_txs), 1, 4) AS INTEGER), CAST(substr((SELECT max(created_at) FROM sinking_txs), 1, 4) AS INTEGER)),
    years (year) AS (SELECT first FROM span WHERE first IS NOT NULL UNION ALL SELECT year + 1 FROM years WHERE year < (SELECT last FROM span))
  SELECT 'pass' AS part, NULL AS key, n FROM pass
  UNION ALL
  SELECT 'year', year, (SELECT count(*) FROM sinking_txs WHERE created_at >= format('%04d', year) AND created_at < format('%04d', year + 1)) FROM years
  UNION ALL
  SELECT 'month', substr(created_at, 1, 7), count(DISTINCT recipient) FROM sinking_txs GROUP BY substr(created_at, 1, 7)`;

/** The sales' columns, one array each, in toid order; the sales of each year, in year order; the distinct recipients of each month. */
interface Sales {
  count: number;
  kind: Uint8Array;
  dest: Float64Array;
  tonnes: Float64Array;
  /** Whole kilograms; a sale's beyond 2^53 is NaN here and exact in carbonKgBeyond. */
  carbonKg: Float64Array;
  carbonKgBeyond: Map<number, bigint>;
  yearSales: { year: number; sales: number }[];
  monthRecipients: { month: string; recipients: number }[];
}

export function yoyAnalytics(db: ReadDb): YoyRow[] {
  const sales = readSales(db);
  if (sales.count === 0) return [];
  const prices = new Float64Array(sales.count);
  for (let i = 0; i < sales.count; i++) prices[i] = sales.kind[i] === USDC ? (sales.dest[i] as number) / (sales.tonnes[i] as number) : NaN;
  interpolatePrices(prices);
  const usd = new Float64Array(sales.count);
  for (let i = 0; i < sales.count; i++) usd[i] = sales.kind[i] === CARBON ? (prices[i] as number) * (sales.tonnes[i] as number) : (sales.dest[i] as number);
  return yearlyRows(sales, usd);
}

/** Stroops per unit and kilograms per tonne: decimal()'s divisors, as constants outside the per-sale call. */
const ASSET_UNIT = 10 ** ASSET_SCALE;
const CARBON_UNIT = 10 ** CARBON_SCALE;

/** units / 10^scale as the nearest double: what Number(formatDecimal(units, scale)) gives, without the text below 2^53. */
function decimal(units: number | string, scale: number, unit: number): number {
  return typeof units === 'number' ? units / unit : Number(formatDecimal(BigInt(units), scale));
}

function readSales(db: ReadDb): Sales {
  const n = 1024;
  const s: Sales = { count: 0, kind: new Uint8Array(n), dest: new Float64Array(n), tonnes: new Float64Array(n), carbonKg: new Float64Array(n), carbonKgBeyond: new Map(), yearSales: [], monthRecipients: [] };
  let { kind, dest: destOf, tonnes, carbonKg } = s;
  db.function(SALE_FUNCTION, { deterministic: false, directOnly: true }, (code: number, dest: number | string, kg: number | string) => {
    const i = s.count++;
    if (i === kind.length) ({ kind, dest: destOf, tonnes, carbonKg } = grow(s));
    kind[i] = code;
    destOf[i] = typeof dest === 'number' ? dest / ASSET_UNIT : decimal(dest, ASSET_SCALE, ASSET_UNIT);
    if (typeof kg === 'number') {
      tonnes[i] = kg / CARBON_UNIT;
      carbonKg[i] = kg;
    } else {
      tonnes[i] = decimal(kg, CARBON_SCALE, CARBON_UNIT);
      carbonKg[i] = NaN;
      s.carbonKgBeyond.set(i, BigInt(kg));
    }
    return 0;
  });
  for (const r of db.prepare(YOY_SQL).safeIntegers(false).all() as { part: string; key: string | number; n: number }[]) {
    if (r.part === 'year' && r.n > 0) s.yearSales.push({ year: r.key as number, sales: r.n });
    if (r.part === 'month') s.monthRecipients.push({ month: r.key as string, recipients: r.n });
  }
  // One snapshot: the years' runs are the pass's sales, or the statement was not what this code expects.
  if (s.yearSales.reduce((a, y) => a + y.sales, 0) !== s.count) throw new Error('analytics: the sales of the years do not add up to the sales read');
  return s;
}

/** Room for twice as many sales. */
function grow(s: Sales): Sales {
  const twice = <T extends Uint8Array | Float64Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(a.length * 2);
    b.set(a);
    return b;
  };
  return Object.assign(s, { kind: twice(s.kind), dest: twice(s.dest), tonnes: twice(s.tonnes), carbonKg: twice(s.carbonKg) });
}

/**
 * USDC prices per sale (NaN where unknown), filled in place: linear between known prices by position (numpy.interp:
 * fp[a] + (x - xa) * (fp[b] - fp[a]) / (xb - xa)), carried forward after the last, leading gaps left NaN.
 */
export function interpolatePrices(prices: Float64Array | number[]): void {
  let a = -1;
  for (let b = 0; b < prices.length; b++) {
    const pb = prices[b] as number;
    if (Number.isNaN(pb)) continue;
    if (a >= 0) {
      const pa = prices[a] as number;
      for (let i = a + 1; i < b; i++) prices[i] = pa + ((i - a) * (pb - pa)) / (b - a);
    }
    a = b;
  }
  if (a >= 0) for (let i = a + 1; i < prices.length; i++) prices[i] = prices[a] as number;
}

/** Whole kilograms summed exactly: a double while the sum stays below 2^53, a BigInt beyond. */
class KgSum {
  private small = 0;
  private big: bigint | null = null;
  add(kg: number | bigint): void {
    if (this.big === null && typeof kg === 'number') {
      const next = this.small + kg;
      if (Number.isSafeInteger(next)) {
        this.small = next;
        return;
      }
    }
    this.big = (this.big ?? BigInt(this.small)) + BigInt(kg);
  }
  get value(): bigint {
    return this.big ?? BigInt(this.small);
  }
}

function yearlyRows(sales: Sales, usd: Float64Array): YoyRow[] {
  type Year = { numTx: number; volume: number; carbon: KgSum; months: number[] };
  const years = new Map<number, Year>();
  let i = 0;
  for (const { year, sales: count } of sales.yearSales) {
    const y: Year = { numTx: count, volume: 0, carbon: new KgSum(), months: [] };
    years.set(year, y);
    for (const end = i + count; i < end; i++) {
      const v = usd[i] as number;
      if (!Number.isNaN(v)) y.volume += v; // pandas sum skips NaN
      const kg = sales.carbonKg[i] as number;
      y.carbon.add(Number.isNaN(kg) ? (sales.carbonKgBeyond.get(i) as bigint) : kg);
    }
  }
  for (const m of sales.monthRecipients) years.get(Number(m.month.slice(0, 4)))?.months.push(m.recipients);
  const ordered = [...years.entries()].sort((a, b) => a[0] - b[0]);
  const rows: YoyRow[] = [];
  let prev: { mau: number; numTx: number; volume: number; carbon: number } | null = null;
  for (const [year, y] of ordered) {
    const counts = y.months;
    const mau = roundHalfEven(counts.reduce((a, b) => a + b, 0) / counts.length, 2);
    const volume = roundHalfEven(y.volume, 2);
    const carbonKg = y.carbon.value;
    const carbon = Number(formatDecimal(carbonKg, CARBON_SCALE));
    rows.push({
      year,
      mau,
      yoy_mau: prev ? pctChange(prev.mau, mau) : null,
      num_tx: y.numTx,
      yoy_num_tx: prev ? pctChange(prev.numTx, y.numTx) : null,
      volume_usd: volume.toFixed(2),
      yoy_volume_usd: prev ? pctChange(prev.volume, volume) : null,
      carbon_sunk: formatDecimal(carbonKg, CARBON_SCALE),
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
