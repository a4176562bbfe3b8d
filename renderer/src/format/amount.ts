/**
 * Exact decimal amounts for display. Amounts cross the API as decimal strings ("2236.6785284"); turning them into
 * a float would lose digits, so everything here works on the digits themselves (and BigInt for sums).
 */
const DECIMAL_RE = /^(-?)(\d+)(?:\.(\d+))?$/;

function groupThousands(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "2236.6785284" → "2,236.6785284"; `scale` pads (never rounds) the fraction to at least that many digits. */
export function formatAmount(value: string | number | null | undefined, opts: { scale?: number } = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const text = typeof value === 'number' ? (Number.isInteger(value) ? value.toFixed(0) : String(value)) : value.trim();
  const m = DECIMAL_RE.exec(text);
  if (!m) return text;
  const [, sign = '', int = '0', frac = ''] = m;
  const padded = opts.scale !== undefined && frac.length < opts.scale ? frac.padEnd(opts.scale, '0') : frac;
  const negZero = sign === '-' && /^0+$/.test(int + padded);
  return `${negZero ? '' : sign}${groupThousands(int.replace(/^0+(?=\d)/, ''))}${padded ? `.${padded}` : ''}`;
}

/** Scaled BigInt of a decimal string: ("3.015", 3) → 3015n. Extra fraction digits are refused, never rounded. */
export function toUnits(value: string | number, scale: number): bigint {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = DECIMAL_RE.exec(text);
  if (!m) throw new Error(`not a decimal amount: ${JSON.stringify(value)}`);
  const [, sign = '', int = '0', frac = ''] = m;
  if (frac.length > scale) throw new Error(`${text} has more than ${scale} decimals`);
  const units = BigInt(int + frac.padEnd(scale, '0'));
  return sign === '-' ? -units : units;
}

/** The decimal string of scaled units: (3015n, 3) → "3.015". */
export function fromUnits(units: bigint, scale: number): string {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${neg ? '-' : ''}${int}${scale ? `.${frac}` : ''}`;
}

/** The number of fraction digits of a decimal string. */
export function scaleOf(value: string | number): number {
  const m = DECIMAL_RE.exec(String(value).trim());
  return m?.[3]?.length ?? 0;
}

/** Exact sum of decimal strings, at the largest scale among them (a totals row). */
export function sumAmounts(values: readonly (string | number | null | undefined)[]): string {
  const present = values.filter((v): v is string | number => v !== null && v !== undefined && v !== '');
  let scale = 0;
  for (const v of present) scale = Math.max(scale, scaleOf(v));
  let total = 0n;
  for (const v of present) total += toUnits(v, scale);
  return fromUnits(total, scale);
}

/** Exact comparison of two decimal strings (for charts' sorting or checks, never for display). */
export function compareAmounts(a: string, b: string): number {
  const scale = Math.max(scaleOf(a), scaleOf(b));
  const d = toUnits(a, scale) - toUnits(b, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** A relative change in percent, signed, two decimals: 12.345 → "+12.35 %"; null → "—". */
export function formatPercentChange(value: number | null): string {
  return value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(2)} %`;
}
