import { AppError } from '../../../shared/errors.js';

/** Carbon amounts (tonnes) are kept to the kilogram: DECIMAL(21,3) in sc-audit, INTEGER kg here. */
export const CARBON_SCALE = 3;
/** Stellar asset amounts are kept to the stroop: DECIMAL(21,7) in sc-audit, INTEGER stroops here. */
export const ASSET_SCALE = 7;

const DECIMAL_RE = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a non-negative decimal text into integer minor units (× 10^scale), exactly.
 * Extra fraction digits are accepted only when they are zeros ("1.0000000" at scale 3), because Horizon
 * writes 7 decimals for every amount while carbon is stored to 3: a non-zero digit there would be silently lost.
 * Negative amounts never occur in the data, so they are refused rather than guessed at.
 */
export function parseDecimal(text: string, scale: number, label = 'amount'): bigint {
  const m = DECIMAL_RE.exec(text);
  if (!m) throw new AppError('BAD_INPUT', `${label}: ${JSON.stringify(text)} is not a non-negative decimal number`);
  const whole = m[1] ?? '0';
  const frac = m[2] ?? '';
  const kept = frac.slice(0, scale);
  const dropped = frac.slice(scale);
  if (/[^0]/.test(dropped)) {
    throw new AppError('BAD_INPUT', `${label}: ${text} has more than ${scale} decimals`);
  }
  return BigInt(whole + kept.padEnd(scale, '0'));
}

/** Formats integer minor units as a decimal with exactly `scale` decimals ("3.015", "31.000"). */
export function formatDecimal(units: bigint | number, scale: number): string {
  if (typeof units === 'number' && !Number.isSafeInteger(units)) {
    throw new AppError('INTERNAL', `formatDecimal: ${units} is not a safe integer`);
  }
  const n = BigInt(units);
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${frac}` : ''}`;
}
