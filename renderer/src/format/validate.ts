import { isIsoDate } from '../../../shared/isoDate';
import { isAccountId } from '../../../shared/strkey';

/** Field checks shared by filters and settings: null when fine, else what is wrong, in one line. */
export function accountIdProblem(value: string): string | null {
  const valid: boolean = isAccountId(value);
  if (valid) return null;
  if (!/^G/.test(value)) return 'An account id starts with G';
  if (value.length !== 56) return `An account id has 56 characters (this has ${value.length})`;
  return 'Not a valid account id (checksum)';
}

export function dateProblem(value: string): string | null {
  return isIsoDate(value) ? null : 'Expected a date YYYY-MM-DD';
}

export function positiveIntProblem(value: string): string | null {
  return /^[1-9]\d{0,9}$/.test(value) ? null : 'Expected a whole number';
}

/** A valid filter value or undefined (an invalid one never reaches the server). */
export function validOr<T>(value: string | undefined, problem: (v: string) => string | null, convert: (v: string) => T): T | undefined {
  if (value === undefined || value === '' || problem(value)) return undefined;
  return convert(value);
}
