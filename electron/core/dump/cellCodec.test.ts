import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { CellError, decodeCell, encodeCell } from './cellCodec.js';
import type { ColumnKind } from '../db/schema.js';

const col = (kind: ColumnKind, nullable = false) => ({ name: 'c', kind, nullable });
/** Decodes one JSON value text the way the dump reader does (numbers stay lossless). */
const decode = (kind: ColumnKind, json: string, nullable = false) => decodeCell(col(kind, nullable), (parse(`[${json}]`) as unknown[])[0]);

describe('dump cells', () => {
  it('decodes amounts exactly, also from exponent notation', () => {
    expect(decode('decimal3', '3.015')).toBe(3015n);
    expect(decode('decimal7', '0.0000007')).toBe(7n);
    expect(decode('decimal7', '7e-07')).toBe(7n);
    expect(decode('decimal7', '2236.6785284')).toBe(22366785284n);
    expect(() => decode('decimal3', '0.0005')).toThrow(CellError);
    expect(() => decode('decimal3', '-1.0')).toThrow(CellError);
  });
  it('keeps TOIDs above 2^53 exact and refuses floats', () => {
    expect(decode('toid', '164821723627237383')).toBe(164821723627237383n);
    expect(() => decode('toid', '1.6482172362723738e17')).toThrow(/TOID integer/);
    expect(() => decode('toid', '9223372036854775808')).toThrow(/int64/);
  });
  it('maps dates, datetimes, booleans and nulls', () => {
    expect(decode('date', '"2013-07-01T00:00:00"')).toBe('2013-07-01');
    expect(() => decode('date', '"2013-07-01T12:00:00"')).toThrow(CellError);
    expect(decode('datetime', '"2021-11-20T18:50:04"')).toBe('2021-11-20T18:50:04');
    expect(() => decode('datetime', '"2021-11-20 18:50:04"')).toThrow(CellError);
    expect(decode('bool', 'true')).toBe(1n);
    expect(() => decode('bool', '1')).toThrow(/true or false/);
    expect(decode('text', 'null', true)).toBeNull();
    expect(() => decode('text', 'null')).toThrow(/cannot be empty/);
  });
  it('encodes back to the published text', () => {
    expect(encodeCell(col('decimal3'), 1000n)).toBe('1.0');
    expect(encodeCell(col('decimal7'), 150999867n)).toBe('15.0999867');
    expect(encodeCell(col('toid'), 164821723627237383n)).toBe('164821723627237383');
    expect(encodeCell(col('date'), '2013-07-01')).toBe('"2013-07-01T00:00:00"');
    expect(encodeCell(col('bool'), 0n)).toBe('false');
    expect(encodeCell(col('text', true), null)).toBe('null');
    expect(encodeCell(col('text'), 'natgas 555 m³')).toBe('"natgas 555 m\\u00b3"');
  });
});
