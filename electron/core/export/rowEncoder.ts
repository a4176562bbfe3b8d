import { type Cell, csvField } from './format.js';

/**
 * Encodes a stream of rows, one at a time, as CSV (through format.ts's csvField, so app exports and the CLI write
 * the same bytes) or JSON: an export writes one compact object per line, the CLI indents like JSON.stringify(…, 2).
 * A row is an array of stored values; each column says where its value is in it and how it becomes the API
 * value (the view's field spec, views/rowCodec.ts), so no row object is built on the way.
 */
export interface RowEncoder {
  start(): string;
  /** One row's text, with the separator before it. */
  row(values: readonly unknown[]): string;
  end(): string;
}

export interface EncodedColumn {
  /** The header / the JSON key. */
  name: string;
  /** Where the column's stored value is in a row's array. */
  at: number;
  /** The stored value → the API value. */
  read(v: unknown): unknown;
  /** Its API value is a plain number or a plain-number string (views/rowCodec.ts): a CSV cell as is. */
  plain?: boolean;
  /** The API value's JSON text straight from the stored value (views/rowCodec.ts Field.json): no objects built. */
  json?(v: unknown): string;
}

export interface EncodingOptions {
  /** CSV: keep cells that start with = + - @ as they are (no leading apostrophe). */
  raw?: boolean;
  /** JSON: indented as JSON.stringify(rows, null, 2) would (the CLI's output). */
  pretty?: boolean;
  /** The rows follow rows written by another encoder (the export's second half): JSON separates the first one too. */
  continued?: boolean;
}

/** CSV cells: nested lists (a sinking tx's statuses) as compact JSON text, everything else as is. */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** One row's cells, in `columns` order, for the CSV and table writers. */
export function toCells(row: object, columns: readonly string[]): Record<string, Cell> {
  const r = row as Record<string, unknown>;
  return Object.fromEntries(columns.map((c) => [c, toCell(r[c])]));
}

/** Columns of rows that are already API values, given as arrays in `names` order. */
export function plainColumns(names: readonly string[]): EncodedColumn[] {
  return names.map((name, at) => ({ name, at, read: (v) => v }));
}

const plainText = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export function rowEncoder(format: 'csv' | 'json', columns: readonly EncodedColumn[], opts: EncodingOptions = {}): RowEncoder {
  if (format === 'csv') {
    const raw = opts.raw === true;
    const header = `${columns.map((c) => csvField(c.name, raw)).join(',')}\r\n`;
    const last = columns.length - 1;
    // A plain number's text is what csvField would write for it (no quote, comma or line break; a negative
    // number is not a formula), so those cells skip it. A nested value's cell is its JSON text (toCell).
    const cell = columns.map((c): ((v: unknown) => string) => {
      const { read, json } = c;
      if (c.plain) return (v) => plainText(read(v));
      if (json) return (v) => csvField(json(v), raw);
      return (v) => csvField(toCell(read(v)), raw);
    });
    const at = columns.map((c) => c.at);
    return {
      start: () => header,
      row(values) {
        let line = '';
        for (let i = 0; i < last; i++) line += `${(cell[i] as (v: unknown) => string)(values[at[i] as number])},`;
        return `${line}${(cell[last] as (v: unknown) => string)(values[at[last] as number])}\r\n`;
      },
      end: () => '',
    };
  }
  // JSON.stringify(row) (or (row, null, 2) inside an array, for the CLI), written key by key: a key whose value
  // is undefined is left out as JSON.stringify leaves it out.
  const pretty = opts.pretty === true;
  const keys = columns.map((c) => (pretty ? `    ${JSON.stringify(c.name)}: ` : `${JSON.stringify(c.name)}:`));
  // A column's JSON text from its stored value; undefined: the key is left out.
  const value = columns.map((c): ((v: unknown) => string | undefined) => {
    const { read, json } = c;
    if (pretty) {
      return (v) => {
        const x = read(v);
        return typeof x === 'object' && x !== null ? JSON.stringify(x, null, 2).replace(/\n/g, '\n    ') : (JSON.stringify(x) as string | undefined);
      };
    }
    return json ?? ((v) => JSON.stringify(read(v)) as string | undefined);
  });
  const [open, sep, close] = pretty ? ['  {\n', ',\n', '\n  }'] : ['{', ',', '}'];
  let first = opts.continued !== true;
  return {
    start: () => '[',
    row(values) {
      let item = first ? '\n' : ',\n';
      first = false;
      let fields = 0;
      item += open;
      for (let i = 0; i < columns.length; i++) {
        const v = (value[i] as (v: unknown) => string | undefined)(values[(columns[i] as EncodedColumn).at]);
        if (v === undefined) continue;
        item += (fields++ === 0 ? '' : sep) + (keys[i] as string) + v;
      }
      return fields === 0 ? item.slice(0, -open.length) + (pretty ? '  {}' : '{}') : item + close;
    },
    end: () => (first ? (pretty ? ']\n' : '\n]\n') : '\n]\n'),
  };
}
