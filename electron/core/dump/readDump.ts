import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'lossless-json';
import { AppError } from '../../../shared/errors.js';
import type { DataTable } from '../db/migrations/index.js';
import { CellError, decodeCell, type SqlValue } from './cellCodec.js';
import { DUMP_TABLES, LEGACY_SHAPES } from '../db/schema.js';

export interface DumpRow {
  /** 1-based line number in the file, for error messages. */
  line: number;
  values: SqlValue[];
}

/**
 * Parses one dump text into SQLite values, checking every cell; the first bad line stops it with
 * BAD_INPUT naming `file:line` and the column. Numbers are parsed losslessly: plain JSON.parse would
 * round every TOID (they exceed 2^53) and turn amounts into binary floats.
 */
export function parseDumpText(text: string, table: DataTable, file: string): DumpRow[] {
  const { columns } = DUMP_TABLES[table];
  const rows: DumpRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).replace(/\r$/, '');
    if (raw.trim() === '') continue; // sc-audit writes an empty table as a lone newline
    const where = `${file}:${i + 1}`;
    let parsed: unknown;
    try {
      parsed = parse(raw);
    } catch (err) {
      throw new AppError('BAD_INPUT', `${where}: malformed JSON (${(err as Error).message})`);
    }
    if (!Array.isArray(parsed)) throw new AppError('BAD_INPUT', `${where}: expected a JSON array of ${columns.length} values`);
    const cells = toCurrentShape(parsed, table, where);
    const values = columns.map((column, c) => {
      try {
        return decodeCell(column, cells[c]);
      } catch (err) {
        if (err instanceof CellError) throw new AppError('BAD_INPUT', `${where}: column ${column.name}: ${err.message}`);
        throw err;
      }
    });
    rows.push({ line: i + 1, values });
  }
  return rows;
}

/** A line's values in today's column order: an older sc-audit schema's line gets null for the columns it lacked. */
function toCurrentShape(values: unknown[], table: DataTable, where: string): unknown[] {
  const { columns } = DUMP_TABLES[table];
  if (values.length === columns.length) return values;
  const legacy = LEGACY_SHAPES[table]?.find((s) => s.columns.length === values.length);
  if (!legacy) {
    const known = [columns.length, ...(LEGACY_SHAPES[table] ?? []).map((s) => s.columns.length)].join(' or ');
    throw new AppError('BAD_INPUT', `${where}: ${values.length} values, but ${table} has ${known} columns`);
  }
  const byName = new Map(legacy.columns.map((name, i) => [name, values[i]]));
  return columns.map((c) => (byName.has(c.name) ? byName.get(c.name) : null));
}

export function readDumpFile(file: string, table: DataTable): DumpRow[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('NOT_FOUND', `Cannot read the dump ${file}: ${(err as Error).message}`);
  }
  return parseDumpText(text, table, path.basename(file));
}
