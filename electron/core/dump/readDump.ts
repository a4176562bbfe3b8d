import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'lossless-json';
import { AppError } from '../../../shared/errors.js';
import type { DataTable } from '../db/migrations/index.js';
import { CellError, decodeCell, type SqlValue } from './cellCodec.js';
import { DUMP_TABLES } from './tableColumns.js';

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
    if (parsed.length !== columns.length) {
      throw new AppError('BAD_INPUT', `${where}: ${parsed.length} values, but ${table} has ${columns.length} columns`);
    }
    const values = columns.map((column, c) => {
      try {
        return decodeCell(column, parsed[c]);
      } catch (err) {
        if (err instanceof CellError) throw new AppError('BAD_INPUT', `${where}: column ${column.name}: ${err.message}`);
        throw err;
      }
    });
    rows.push({ line: i + 1, values });
  }
  return rows;
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
