import { isIsoDate } from '../../../shared/isoDate';
import { addressProblem } from '../../../shared/strkey';

/** Field checks shared by filters and settings: null when fine, else what is wrong, in one line. */
export function accountIdProblem(value: string): string | null {
  return addressProblem(value, ['account']);
}

/** A sale's funder or recipient: an account (G…) or a contract (C…), as the API accepts them. */
export function saleAddressProblem(value: string): string | null {
  return addressProblem(value, ['account', 'contract']);
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
