/**
 * Strict calendar dates, shared by the API schemas (renderer too) and the engine.
 * 'YYYY-MM-DD' only, and a real day: 2023-02-29 is refused rather than rolled over to March.
 */
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  // Computed, not asked of Date.UTC, which reads years 0-99 as 1900-1999.
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= daysInMonth;
}

/**
 * A day as Python's `datetime.strptime(s, '%Y-%m-%d')` reads it (sc-audit's date options), normalised to
 * 'YYYY-MM-DD'; null where strptime refuses. %Y is exactly four digits, and year 0 is out of range; %m is 1–12 with
 * or without its leading zero; %d is 1–31 with a leading zero, a leading space or neither; nothing may surround it.
 * Like Python's \d, %Y and the second digit of %d take any Unicode decimal digit ('٢٠٢٤-1-5' is 2024-01-05).
 * The day must be real: '2024-2-30' is refused, as strptime refuses it.
 */
const STRPTIME_DAY_RE = /^(\p{Nd}{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\p{Nd}|0[1-9]|[1-9]| [1-9])$/u;
const DECIMAL_DIGIT_RE = /^\p{Nd}$/u;

/** The value of one decimal digit of any script: Unicode encodes them in runs of whole decades, each from 0 to 9. */
function digitValue(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  let zero = cp;
  while (DECIMAL_DIGIT_RE.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return (cp - zero) % 10;
}

const asciiDigits = (s: string, width: number) =>
  Array.from(s.trim(), digitValue)
    .join('')
    .padStart(width, '0');

export function strptimeDay(s: string): string | null {
  const m = STRPTIME_DAY_RE.exec(s);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const day = `${asciiDigits(m[1], 4)}-${asciiDigits(m[2], 2)}-${asciiDigits(m[3], 2)}`;
  return day.startsWith('0000-') || !isIsoDate(day) ? null : day;
}
