import { formatDecimal } from '../domain/amount.js';

/**
 * How a view's API row is read from its query's columns: one field per API key, in output order, each naming its
 * column and how the stored value (INTEGERs as BigInt under safeIntegers, or as numbers) becomes the API value.
 * The pages' row mappers (`rowMapper`) and the export's column encoders (export/columnEncoder.ts) are both compiled
 * from these specs, so a page row and an exported line cannot disagree.
 */
export interface Field<T> {
  /** The query's column this field is read from; default: the field's own name. */
  column?: string;
  /** The stored value → the API value. */
  read(v: unknown): T;
  /** The API value's text is a plain number (digits, one '.', a leading '-'): a CSV cell as is, never quoted or neutralised. */
  plain?: true;
  /**
   * The API value's JSON text (exactly JSON.stringify(read(v))) straight from the stored value, for a nested value
   * the export would otherwise build as objects only to stringify them (a sale's statuses).
   */
  json?(v: unknown): string;
}

export type RowSpec<R> = { readonly [K in keyof R]-?: Field<R[K]> };

/** A field in output order, with the name it is written under and the column it comes from. */
export interface OutputField {
  name: string;
  column: string;
  read(v: unknown): unknown;
  plain: boolean;
  json?(v: unknown): string;
}

export const text: Field<string> = { read: (v) => v as string };
export const textOrNull: Field<string | null> = { read: (v) => (v === null || v === undefined ? null : (v as string)) };
/** Counts and ids: small, so plain numbers. */
export const int: Field<number> = { read: (v) => Number(v as bigint | number), plain: true };
export const intOrNull: Field<number | null> = { read: (v) => (v === null || v === undefined ? null : Number(v as bigint | number)), plain: true };
export const bool: Field<boolean> = { read: (v) => Number(v as bigint | number) === 1 };
/** TOIDs exceed 2^53: read as BigInt, written as decimal strings. */
export const toid: Field<string> = { read: (v) => String(v as bigint), plain: true };
/** Integer minor units → an exact decimal string with `scale` decimals (packed in JSON: as decimal text, exact). */
export const amount = (scale: number): Field<string> => ({
  read: (v) => formatDecimal(typeof v === 'string' ? BigInt(v) : (v as bigint | number), scale),
  plain: true,
});
/** A JSON array stored as text (e.g. a list of URLs); null or empty → []. */
export const jsonList = <T>(): Field<T[]> => ({ read: (v) => (v ? (JSON.parse(v as string) as T[]) : []) });
export const jsonListOrNull = <T>(): Field<T[] | null> => ({ read: (v) => (v ? (JSON.parse(v as string) as T[]) : null) });
/** The same field read from another column. */
export const from = <T>(column: string, field: Field<T>): Field<T> => ({ ...field, column });

/**
 * A list of rows packed by SQL as one JSON column: `json_group_array(json_array(c1, c2, …))` with the columns in
 * `columns` order, each element read by `spec`. JSON numbers hold the packed INTEGERs exactly below 2^53: an
 * amount is packed as its decimal text (CAST … AS TEXT), so it stays exact at any size.
 */
export function packedRows<R>(spec: RowSpec<R>, columns: readonly (keyof R & string)[]): Field<R[]> {
  const fields = outputFields(spec, columns);
  const unpack = (v: unknown): unknown[][] => (v === null || v === undefined || v === '[]' ? [] : (JSON.parse(v as string) as unknown[][]));
  // `{"name":` before each field's value, `,"name":` after the first: JSON.stringify's own key text.
  const keys = fields.map((f, i) => `${i === 0 ? '{' : ','}${JSON.stringify(f.name)}:`);
  const values = fields.map((f) => f.json ?? ((v: unknown) => JSON.stringify(f.read(v)) as string));
  return {
    read(v) {
      return unpack(v).map((packed) => {
        const out: Record<string, unknown> = {};
        fields.forEach((f, i) => (out[f.name] = f.read(packed[i])));
        return out as R;
      });
    },
    json(v) {
      let text = '[';
      for (const packed of unpack(v)) {
        if (text.length > 1) text += ',';
        for (let i = 0; i < keys.length; i++) text += (keys[i] as string) + (values[i] as (x: unknown) => string)(packed[i]);
        text += '}';
      }
      return `${text}]`;
    },
  };
}

/** The spec's fields in `order` (default: the spec's own key order), with their columns resolved. */
export function outputFields<R>(spec: RowSpec<R>, order: readonly (keyof R & string)[] = Object.keys(spec) as (keyof R & string)[]): OutputField[] {
  return order.map((name) => {
    const f = spec[name] as Field<unknown>;
    return { name, column: f.column ?? name, read: f.read, plain: f.plain === true, ...(f.json ? { json: f.json } : {}) };
  });
}

/** Raw row objects (column → stored value) → API rows, keys in the fields' order. */
export function fieldsMapper(fields: readonly OutputField[]): (raw: Record<string, unknown>) => Record<string, unknown> {
  return (raw) => {
    const out: Record<string, unknown> = {};
    for (const f of fields) out[f.name] = f.read(raw[f.column]);
    return out;
  };
}

/** The row mapper of a spec: a raw row object (column → stored value) → the API row. */
export function rowMapper<R>(spec: RowSpec<R>): (raw: Record<string, unknown>) => R {
  return fieldsMapper(outputFields(spec)) as (raw: Record<string, unknown>) => R;
}
