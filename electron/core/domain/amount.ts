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
  // String work only (an export formats millions of these): the integer's digits, split at the scale.
  let digits = units.toString();
  const negative = digits.charCodeAt(0) === 45; // '-'
  if (negative) digits = digits.slice(1);
  if (scale <= 0) return `${negative ? '-' : ''}${digits}`;
  if (digits.length <= scale) digits = digits.padStart(scale + 1, '0');
  const cut = digits.length - scale;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}
