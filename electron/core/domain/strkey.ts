import { AppError } from '../../../shared/errors.js';
import { isAccountId, isAccountOrContractId } from '../../../shared/strkey.js';

// The check itself lives in shared/ so the API schemas can use it in the renderer as well.
export { isAccountId, isAccountOrContractId, isContractId, strkeyKind } from '../../../shared/strkey.js';

export function assertAccountId(s: string, label: string): string {
  if (!isAccountId(s)) throw new AppError('BAD_INPUT', `${label}: ${JSON.stringify(s)} is not a valid Stellar account id (G…)`);
  return s;
}

/** A sale's funder or recipient: an account (G…) or a contract (C…). */
export function assertAccountOrContractId(s: string, label: string): string {
  if (!isAccountOrContractId(s)) {
    throw new AppError('BAD_INPUT', `${label}: ${JSON.stringify(s)} is not a valid Stellar account id (G…) or contract id (C…)`);
  }
  return s;
}
