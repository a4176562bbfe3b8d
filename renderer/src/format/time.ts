/**
 * Datetimes cross the API as 'YYYY-MM-DDTHH:MM:SS' in UTC (no zone suffix). Tables show UTC; the local time is
 * offered on hover. Parsing is explicit so a missing 'Z' can never be read as local time.
 */
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?$/;

export function parseUtc(value: string): Date | null {
  const m = DATETIME_RE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0'] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** '2023-01-02T03:04:05' → '2023-01-02 03:04:05 UTC'. A date alone stays a date. */
export function formatUtc(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = parseUtc(value);
  if (!d) return value;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/**
 * The same instant in local time, for the hover title. `offsetMinutes` is the local zone's offset east of UTC
 * (tests pass it; the app uses the browser's own for that instant).
 */
export function formatLocal(value: string | null | undefined, offsetMinutes?: number): string {
  if (!value) return '';
  const d = parseUtc(value);
  if (!d) return value;
  const offset = offsetMinutes ?? -d.getTimezoneOffset();
  const local = new Date(d.getTime() + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} local (UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)})`;
}

/** A duration in ms for people: 850 ms, 12.4 s, 3 min 5 s. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${min} min ${s} s`;
}

/** Today's date in UTC as YYYY-MM-DD. */
export function todayUtc(now = new Date()): string {
  return `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`;
}
