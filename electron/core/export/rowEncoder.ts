import { type Cell, toCsv } from './format.js';

/**
 * Encodes a stream of API rows, a batch at a time, as CSV (through format.ts, so app exports and the CLI write
 * the same bytes) or JSON: an export writes one compact object per line, the CLI indents like JSON.stringify(…, 2).
 */
export interface RowEncoder {
  start(): string;
  batch(rows: readonly object[]): string;
  end(): string;
}

export interface EncodingOptions {
  /** CSV: keep cells that start with = + - @ as they are (no leading apostrophe). */
  raw?: boolean;
  /** JSON: indented as JSON.stringify(rows, null, 2) would (the CLI's output). */
  pretty?: boolean;
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

export function rowEncoder(format: 'csv' | 'json', columns: readonly string[], opts: EncodingOptions = {}): RowEncoder {
  if (format === 'csv') {
    const csv = { raw: opts.raw === true };
    const header = toCsv({ columns, rows: [] }, csv);
    return {
      start: () => header,
      batch: (rows) => (rows.length ? toCsv({ columns, rows: rows.map((r) => toCells(r, columns)) }, csv).slice(header.length) : ''),
      end: () => '',
    };
  }
  let first = true;
  const item = opts.pretty ? (r: object) => `  ${JSON.stringify(r, null, 2).replace(/\n/g, '\n  ')}` : (r: object) => JSON.stringify(r);
  return {
    start: () => '[',
    batch(rows) {
      if (rows.length === 0) return '';
      const out = (first ? '\n' : ',\n') + rows.map(item).join(',\n');
      first = false;
      return out;
    },
    end: () => (first ? (opts.pretty ? ']\n' : '\n]\n') : '\n]\n'),
  };
}
