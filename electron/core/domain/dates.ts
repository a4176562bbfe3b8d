import { AppError } from '../../../shared/errors.js';
import { isIsoDate } from '../../../shared/isoDate.js';

export { isIsoDate } from '../../../shared/isoDate.js';

/** A strict 'YYYY-MM-DD' calendar date, or BAD_INPUT naming the field. */
export function parseIsoDate(s: string, label: string): string {
  if (!isIsoDate(s)) throw new AppError('BAD_INPUT', `${label}: ${JSON.stringify(s)} is not a date YYYY-MM-DD`);
  return s;
}

const HORIZON_UTC_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})Z$/;
const WITH_OFFSET_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Horizon times ('2021-11-20T18:50:04Z') → the stored naive-UTC form '2021-11-20T18:50:04'.
 * Any explicit offset is converted to UTC first; a time without an offset is refused, since its zone is unknown.
 */
export function toUtcDateTime(horizonTime: string): string {
  const m = HORIZON_UTC_RE.exec(horizonTime);
  if (m && isIsoDate(m[1])) return `${m[1]}T${m[2]}`;
  // Date.parse rolls 02-30 over into March, so the calendar date is checked first.
  const ms = WITH_OFFSET_RE.test(horizonTime) && isIsoDate(horizonTime.slice(0, 10)) ? Date.parse(horizonTime) : NaN;
  if (Number.isNaN(ms)) throw new AppError('BAD_INPUT', `time ${JSON.stringify(horizonTime)} is not an ISO-8601 UTC time`);
  return new Date(ms).toISOString().slice(0, 19);
}
