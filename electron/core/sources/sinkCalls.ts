import { AppError } from '../../../shared/errors.js';
import { isAccountOrContractId, isContractId } from '../../../shared/strkey.js';

/**
 * One `sink_carbon(funder, recipient, amount, project_id, memo_text)` call as an indexer reports it (Obsrvr Flow or
 * Mercury Retroshades), checked field by field: an indexer is a third party, and a bad row must stop the step with
 * its name rather than store a wrong sale.
 */
export interface IndexedSinkCall {
  /** Where it came from, for messages: 'Obsrvr Flow row id 7', 'Mercury event 3'. */
  ref: string;
  hash: string;
  /** UTC 'YYYY-MM-DDTHH:MM:SS'. */
  createdAt: string;
  contractId: string;
  funder: string;
  recipient: string;
  /** The amount in stroops (10^7 per tonne). */
  stroops: bigint;
  projectId: string;
  memo: string | null;
  /** Obsrvr: its TOID. Mercury: the ledger (the TOID is made from it and the order of the answer). */
  toid: bigint | null;
  ledger: number | null;
}

const fail = (ref: string, what: string): never => {
  throw new AppError('SOURCE_ERROR', `${ref}: ${what}; nothing of this step was stored`);
};

export function checkedHash(v: unknown, ref: string): string {
  if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) return fail(ref, `transaction hash ${JSON.stringify(v)} is not 64 lowercase hex digits`);
  return v;
}

/** A funder or recipient: a Stellar account (G…) or a contract (C…), with a valid checksum. */
export function checkedAddress(v: unknown, ref: string, field: string): string {
  if (!isAccountOrContractId(v)) return fail(ref, `${field} ${JSON.stringify(v)} is not a Stellar account (G…) or contract (C…) address`);
  return v as string;
}

export function checkedContract(v: unknown, ref: string): string {
  if (!isContractId(v)) return fail(ref, `contract_id ${JSON.stringify(v)} is not a contract address (C…)`);
  return v as string;
}

/** A non-negative whole number given as a JSON number (safe) or as decimal text (pg's int8/numeric). */
export function checkedInteger(v: unknown, ref: string, field: string): bigint {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === 'bigint' && v >= 0n) return v;
  if (typeof v === 'string' && /^\d{1,30}$/.test(v)) return BigInt(v);
  return fail(ref, `${field} ${JSON.stringify(v)} is not a whole number of stroops`);
}

export function checkedText(v: unknown, ref: string, field: string, nullable = false): string | null {
  if (v === null || v === undefined) return nullable ? null : fail(ref, `${field} is missing`);
  if (typeof v !== 'string') return fail(ref, `${field} ${JSON.stringify(v)} is not text`);
  return v;
}

/** A timestamp with or without offset (pg text, ISO), or a Date: UTC 'YYYY-MM-DDTHH:MM:SS'. */
export function checkedTime(v: unknown, ref: string): string {
  let ms = Number.NaN;
  if (v instanceof Date) ms = v.getTime();
  else if (typeof v === 'string') {
    const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(v.trim());
    if (m) {
      const offset = m[3] === undefined || m[3] === 'Z' ? 'Z' : /^[+-]\d{2}$/.test(m[3]) ? `${m[3]}:00` : m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
      ms = Date.parse(`${m[1]}T${m[2]}${offset}`);
    }
  }
  if (!Number.isFinite(ms)) return fail(ref, `timestamp ${JSON.stringify(v)} is not a time`);
  return new Date(ms).toISOString().slice(0, 19);
}
