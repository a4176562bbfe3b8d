import { isLosslessNumber } from 'lossless-json';
import { isAccountId, isAccountOrContractId, isContractId } from '../../../shared/strkey.js';
import { isIsoDate } from '../../../shared/isoDate.js';
import { ASSET_SCALE, CARBON_SCALE, formatDecimal, parseDecimal } from '../domain/amount.js';
import type { DumpColumn } from '../db/schema.js';
import { jsonDecimal, jsonString, plainNumberText } from './jsonText.js';

/** A value as SQLite stores it; integers are BigInt so TOIDs keep every digit. */
export type SqlValue = string | bigint | null;

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const HEX32_RE = /^[0-9a-f]{64}$/;
const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const DATE_IN_DUMP_RE = /^(\d{4}-\d{2}-\d{2})(?:T00:00:00)?$/;

/** Thrown by decodeCell with the reason only; the reader adds file, line and column. */
export class CellError extends Error {}

function numberText(v: unknown): string | null {
  return isLosslessNumber(v) ? v.value : null;
}

function decodeInt(v: unknown, what: string): bigint {
  const text = numberText(v);
  if (text === null || !/^-?\d+$/.test(text)) throw new CellError(`expected ${what}, got ${describe(v)}`);
  const n = BigInt(text);
  if (n < INT64_MIN || n > INT64_MAX) throw new CellError(`${text} is outside the int64 range`);
  return n;
}

function decodeAmount(v: unknown, scale: number): bigint {
  const text = numberText(v);
  const plain = text === null ? null : plainNumberText(text);
  if (plain === null) throw new CellError(`expected a decimal number, got ${describe(v)}`);
  try {
    return parseDecimal(plain, scale, 'value');
  } catch (err) {
    throw new CellError((err as Error).message.replace(/^value: /, ''));
  }
}

function describe(v: unknown): string {
  if (isLosslessNumber(v)) return `the number ${v.value}`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v)}`;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : String(v);
}

function expectString(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new CellError(`expected ${what}, got ${describe(v)}`);
  return v;
}

/** One JSON value of a dump line (numbers as LosslessNumber) → the value stored in SQLite. */
export function decodeCell(column: DumpColumn, v: unknown): SqlValue {
  if (v === null) {
    if (column.nullable) return null;
    throw new CellError('null in a column that cannot be empty');
  }
  switch (column.kind) {
    case 'int':
      return decodeInt(v, 'an integer');
    case 'toid': {
      const n = decodeInt(v, 'a TOID integer');
      if (n < 0n) throw new CellError(`TOID ${n} is negative`);
      return n;
    }
    case 'decimal3':
      return decodeAmount(v, CARBON_SCALE);
    case 'decimal7':
      return decodeAmount(v, ASSET_SCALE);
    case 'bool':
      if (typeof v !== 'boolean') throw new CellError(`expected true or false, got ${describe(v)}`);
      return v ? 1n : 0n;
    case 'hex32': {
      const s = expectString(v, 'a 64-char lowercase hex hash');
      if (!HEX32_RE.test(s)) throw new CellError(`expected a 64-char lowercase hex hash, got ${describe(v)}`);
      return s;
    }
    case 'datetime': {
      const s = expectString(v, 'a datetime YYYY-MM-DDTHH:MM:SS');
      const m = DATETIME_RE.exec(s);
      if (!m || !isIsoDate(m[1])) throw new CellError(`expected a datetime YYYY-MM-DDTHH:MM:SS, got ${describe(v)}`);
      return s;
    }
    case 'date': {
      const s = expectString(v, 'a date YYYY-MM-DDT00:00:00');
      const m = DATE_IN_DUMP_RE.exec(s);
      if (!m || !isIsoDate(m[1])) throw new CellError(`expected a date YYYY-MM-DDT00:00:00, got ${describe(v)}`);
      return m[1] as string;
    }
    case 'g_strkey': {
      const s = expectString(v, 'a Stellar account id');
      if (!isAccountId(s)) throw new CellError(`expected a Stellar account id (G…), got ${describe(v)}`);
      return s;
    }
    case 'c_strkey': {
      const s = expectString(v, 'a contract id');
      if (!isContractId(s)) throw new CellError(`expected a Soroban contract id (C…), got ${describe(v)}`);
      return s;
    }
    case 'gc_strkey': {
      const s = expectString(v, 'a Stellar account or contract id');
      if (!isAccountOrContractId(s)) throw new CellError(`expected a Stellar account id (G…) or contract id (C…), got ${describe(v)}`);
      return s;
    }
    case 'text':
      return expectString(v, 'a string');
  }
}

/** A value read from SQLite (integers as BigInt) → its JSON text in the dump. */
export function encodeCell(column: DumpColumn, v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (column.kind) {
    case 'int':
    case 'toid':
      return BigInt(v as bigint).toString();
    case 'decimal3':
      return jsonDecimal(formatDecimal(BigInt(v as bigint), CARBON_SCALE));
    case 'decimal7':
      return jsonDecimal(formatDecimal(BigInt(v as bigint), ASSET_SCALE));
    case 'bool':
      return BigInt(v as bigint) === 0n ? 'false' : 'true';
    case 'date':
      return jsonString(`${String(v)}T00:00:00`);
    default:
      return jsonString(String(v));
  }
}
