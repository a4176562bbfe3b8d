import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { insertLogged } from '../audit/bulkChanges.js';
import { DATA_TABLES, type DataTable } from '../db/migrations/index.js';
import type { WriteDb } from '../db/types.js';
import { readDumpFile, type DumpRow } from './readDump.js';
import { DUMP_TABLES } from '../db/schema.js';
import { resolveTables } from './writeDump.js';

export interface RestoreOptions {
  /** Delete the rows of the selected tables first; otherwise a table that holds rows is left alone. */
  replace?: boolean;
  /** Only these tables (default: every table that has a file in the directory). */
  tables?: readonly string[];
  /** Told each file skipped (a table we do not know, as sc-audit skips it), one line each. */
  onWarning?: (message: string) => void;
}

export type RestoreAction = 'restored' | 'kept' | 'missing';

export interface RestoreResult {
  table: DataTable;
  action: RestoreAction;
  /** Rows inserted (restored), or rows already there and left alone (kept). */
  rows: number;
  deleted: number;
}

/**
 * Restores sc-audit NDJSON dumps. Every file is read and checked before anything is written, then all tables
 * are written in one transaction in dependency order (parents first): a bad line or a broken reference
 * leaves the database exactly as it was.
 */
export function restoreDatabase(db: WriteDb, dir: string, opts: RestoreOptions = {}): RestoreResult[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new AppError('NOT_FOUND', `No dump directory at ${dir}`);
  skipUnknownFiles(dir, opts.onWarning);
  const explicit = opts.tables !== undefined && opts.tables.length > 0;
  const selected = resolveTables(opts.tables);
  const parsed = new Map<DataTable, DumpRow[]>();
  for (const table of selected) {
    const file = path.join(dir, `${table}.ndjson`);
    if (!fs.existsSync(file)) {
      if (explicit) throw new AppError('NOT_FOUND', `No dump file ${file} for the table ${table}`);
      continue;
    }
    parsed.set(table, readDumpFile(file, table));
  }
  if (parsed.size === 0) throw new AppError('NOT_FOUND', `No dump files (<table>.ndjson) in ${dir}`);

  const results = new Map<DataTable, RestoreResult>();
  db.transaction(() => {
    // References are checked at commit, so replaced parents and children can be swapped in any order.
    db.pragma('defer_foreign_keys = ON');
    const toWrite = [...parsed.keys()].filter((t) => opts.replace || countRows(db, t) === 0);
    // Children are deleted before their parents.
    for (const table of [...toWrite].reverse()) {
      const deleted = opts.replace ? db.prepare(`DELETE FROM ${table}`).run().changes : 0;
      results.set(table, { table, action: 'restored', rows: 0, deleted });
    }
    for (const table of toWrite) insertRows(db, table, parsed.get(table) as DumpRow[], path.join(dir, `${table}.ndjson`), results);
    for (const table of parsed.keys()) {
      if (!results.has(table)) results.set(table, { table, action: 'kept', rows: countRows(db, table), deleted: 0 });
    }
    assertReferences(db);
  })();
  return selected.map((table) => results.get(table) ?? { table, action: 'missing', rows: 0, deleted: 0 });
}

/** A newer sc-audit may publish a table we do not know: it is named and skipped, not a reason to refuse the rest. */
function skipUnknownFiles(dir: string, onWarning: ((message: string) => void) | undefined): void {
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith('.ndjson')) continue;
    const table = name.slice(0, -'.ndjson'.length);
    if (!(DATA_TABLES as readonly string[]).includes(table)) {
      onWarning?.(`${path.join(dir, name)}: unknown table ${JSON.stringify(table)} skipped (known: ${DATA_TABLES.join(', ')})`);
    }
  }
}

function countRows(db: WriteDb, table: DataTable): number {
  return Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
}

function insertRows(db: WriteDb, table: DataTable, rows: DumpRow[], file: string, results: Map<DataTable, RestoreResult>): void {
  const { columns } = DUMP_TABLES[table];
  const names = columns.map((c) => c.name);
  insertLogged(
    db,
    table,
    names,
    rows.map((r) => r.values),
    {
      // PK duplicates and CHECK failures (e.g. a negative amount) are faults of the file, not of the database.
      rowError: (err, i) =>
        new AppError('BAD_INPUT', `${path.basename(file)}:${rows[i]?.line}: rejected by the ${table} table (${(err as Error).message})`),
    },
  );
  const result = results.get(table) as RestoreResult;
  result.rows = rows.length;
}

/** Reports a dangling reference by name instead of SQLite's bare "FOREIGN KEY constraint failed" at commit. */
function assertReferences(db: WriteDb): void {
  const problems = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  const first = problems[0];
  if (first) {
    throw new AppError(
      'BAD_INPUT',
      `The dumps leave ${problems.length} row(s) pointing at missing rows, e.g. ${first.table} row ${first.rowid} → ${first.parent}: nothing was restored`,
    );
  }
}
