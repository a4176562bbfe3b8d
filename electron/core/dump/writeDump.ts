import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import type { ReadDb } from '../db/types.js';
import { DATA_TABLES, type DataTable } from '../db/migrations/index.js';
import { encodeCell } from './cellCodec.js';
import { DUMP_TABLES } from '../db/schema.js';

/**
 * The dump text of one table: one JSON array per row in column order, rows in rowid (= insertion) order,
 * which is the order sc-audit's unordered SELECT gives. So a restored dump is written back byte for byte;
 * tables keyed by an INTEGER PRIMARY KEY come out in key order.
 */
export function dumpTableText(db: ReadDb, table: DataTable): string {
  const { columns } = DUMP_TABLES[table];
  // Table and column names come from the fixed lists above, never from input.
  const stmt = db.prepare(`SELECT ${columns.map((c) => c.name).join(', ')} FROM ${table} ORDER BY rowid`);
  stmt.raw(true).safeIntegers(true);
  const lines: string[] = [];
  for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
    lines.push(`[${columns.map((c, i) => encodeCell(c, row[i])).join(',')}]`);
  }
  // Same shape as sc-audit's files: newline-terminated lines, and a lone newline for an empty table.
  return `${lines.join('\n')}\n`;
}

export interface DumpResult {
  table: DataTable;
  file: string;
  rows: number;
}

export function resolveTables(tables: readonly string[] | undefined): DataTable[] {
  if (!tables || tables.length === 0) return [...DATA_TABLES];
  for (const t of tables) {
    if (!(DATA_TABLES as readonly string[]).includes(t)) {
      throw new AppError('BAD_INPUT', `Unknown table ${JSON.stringify(t)}: expected one of ${DATA_TABLES.join(', ')}`);
    }
  }
  return DATA_TABLES.filter((t) => tables.includes(t));
}

/**
 * Writes `<table>.ndjson` for each table into dir. All texts are built from one read transaction first, so
 * the files are a consistent snapshot even while a catch-up writes; each file is written to a temporary
 * name and renamed, so a crash never leaves a half-written dump under the real name.
 */
export function dumpDatabase(db: ReadDb, dir: string, tables?: readonly string[]): DumpResult[] {
  const selected = resolveTables(tables);
  const texts = readSnapshot(db, selected);
  fs.mkdirSync(dir, { recursive: true });
  return selected.map((table) => {
    const file = path.join(dir, `${table}.ndjson`);
    const tmp = `${file}.tmp-${process.pid}`;
    const text = texts.get(table) as string;
    fs.writeFileSync(tmp, text, 'utf8');
    fs.renameSync(tmp, file);
    return { table, file, rows: text === '\n' ? 0 : text.split('\n').length - 1 };
  });
}

function readSnapshot(db: ReadDb, tables: readonly DataTable[]): Map<DataTable, string> {
  const texts = new Map<DataTable, string>();
  // ReadDb has no .transaction(); an explicit deferred BEGIN gives the same snapshot isolation for reads.
  const inTx = db.inTransaction;
  if (!inTx) db.prepare('BEGIN').run();
  try {
    for (const t of tables) texts.set(t, dumpTableText(db, t));
  } finally {
    if (!inTx) db.prepare('COMMIT').run();
  }
  return texts;
}
