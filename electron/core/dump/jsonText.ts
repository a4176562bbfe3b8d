/**
 * JSON text exactly as sc-audit's dumps write it (pandas `to_json`, i.e. ujson with ensure_ascii):
 * non-ASCII as lowercase \uXXXX (UTF-16 units, so emoji become surrogate pairs), "/" escaped as "\/".
 * JSON.stringify differs on both, and the point is that our dumps are byte-identical to the published ones.
 */
const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short) out += short;
    else if (code < 0x20 || code >= 0x80) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * A decimal amount as pandas writes a float: shortest form, at least one decimal ("1.0", "3.015", "15.0999867").
 * Works on the exact decimal text, so no binary rounding can creep in.
 */
export function jsonDecimal(exact: string): string {
  if (!exact.includes('.')) return `${exact}.0`;
  const trimmed = exact.replace(/0+$/, '');
  return trimmed.endsWith('.') ? `${trimmed}0` : trimmed;
}

const JSON_NUMBER_RE = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Rewrites a JSON number's text without an exponent ("7e-07" → "0.0000007"), exactly, so it can be parsed
 * into minor units. Returns null for text that is not a JSON number.
 */
export function plainNumberText(text: string): string | null {
  const m = JSON_NUMBER_RE.exec(text);
  if (!m) return null;
  const sign = m[1] ?? '';
  let digits = (m[2] ?? '') + (m[3] ?? '');
  let point = (m[2] ?? '').length + Number(m[4] ?? '0');
  if (Math.abs(point) > 400) return null;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits.padEnd(point, '0');
  }
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(point);
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}
