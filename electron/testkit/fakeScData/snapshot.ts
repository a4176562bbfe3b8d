import fs from 'node:fs';
import path from 'node:path';
import { isLosslessNumber, parse } from 'lossless-json';
import { DATA_TABLES, type DataTable } from '../../core/db/migrations/index.js';
import { DUMP_TABLES } from '../../core/db/schema.js';

/**
 * Default day of olderSnapshot: 2024-12-30 is a real sc-data snapshot date (its sinking_txs still had 15 columns).
 * Verified on the shared dumps (sc-data 59695a7b): the subset is closed (28 sinks, 26 outflows, 9 blocks,
 * 14 retirements with their 14 retirement_from_block and 21 sink_status rows, every reference kept), and a
 * catch-up from it against the full world (also with one year of Horizon history, clamped) reproduces the dumps.
 */
export const DEFAULT_SNAPSHOT_DATE = '2024-12-30';

/** The file names of sc-data's seven tables, parents first. */
export const SC_DATA_FILES: readonly string[] = DATA_TABLES.map((t) => `${t}.ndjson`);

export interface SnapshotOptions {
  /**
   * How sinking_txs is written: '15-column' (default) as sc-audit did before migration 77ea86674a18 added
   * contract_id (3rd value), 'current' as in the shared dumps.
   */
  sinkingTxs?: '15-column' | 'current';
}

/** One JSON value per cell, replaced as text. A bigint or number is compared as its decimal text. */
export type KeyValue = string | bigint | number;

interface Line {
  text: string;
  cells: string[];
}

/** The seven files of an sc-data dump directory, as text (read in place). */
export function scDataFiles(dir: string): Record<string, string> {
  return Object.fromEntries(SC_DATA_FILES.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

/**
 * sc-data as it looked at the end of `untilDate` (YYYY-MM-DD, inclusive), from a dump directory (the shared
 * dumps): sinks, outflows and blocks created on or before it, retirements dated on or before it, and the
 * retirement_from_block and sink_status rows of the kept retirements. Kept lines are byte-identical to the
 * dump's (cells are cut as text, so TOIDs above 2^53 are never parsed), except that sinking_txs loses its 3rd
 * value, contract_id, unless opts.sinkingTxs is 'current'. Throws when the subset is not closed (a kept row naming
 * a sale, block or retirement that is not kept).
 */
export function olderSnapshot(scDataDir: string, untilDate: string = DEFAULT_SNAPSHOT_DATE, opts: SnapshotOptions = {}): Record<string, string> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(untilDate)) throw new Error(`untilDate ${JSON.stringify(untilDate)} is not YYYY-MM-DD`);
  const all = Object.fromEntries(DATA_TABLES.map((t) => [t, readLines(scDataDir, t)])) as Record<DataTable, Line[]>;
  const by = (table: DataTable, column: string) => (l: Line) => cellValue(l, table, column).slice(0, 10) <= untilDate;
  const kept = {
    vcs_projects: all.vcs_projects,
    minted_blocks: all.minted_blocks.filter(by('minted_blocks', 'created_at')),
    retirements: all.retirements.filter(by('retirements', 'retirement_date')),
    sinking_txs: all.sinking_txs.filter(by('sinking_txs', 'created_at')),
    distribution_txs: all.distribution_txs.filter(by('distribution_txs', 'created_at')),
  };
  const retirementIds = new Set(kept.retirements.map((l) => cellValue(l, 'retirements', 'certificate_id')));
  const rows: Record<DataTable, Line[]> = {
    ...kept,
    retirement_from_block: all.retirement_from_block.filter((l) => retirementIds.has(cellValue(l, 'retirement_from_block', 'retirement_id'))),
    sink_status: all.sink_status.filter((l) => retirementIds.has(cellValue(l, 'sink_status', 'certificate_id'))),
  };
  assertClosed(rows, untilDate);
  const oldShape = (opts.sinkingTxs ?? '15-column') === '15-column';
  return Object.fromEntries(
    DATA_TABLES.map((t) => [`${t}.ndjson`, fileText(rows[t].map((l) => (t === 'sinking_txs' && oldShape ? withoutContractId(l) : l.text)))]),
  );
}

/**
 * The dump "edited before publishing": every file as in `source` (a dump directory or a file map such as
 * olderSnapshot's) except one cell of one row of `table`, found by its primary key (one value per key column),
 * whose JSON text becomes `newJsonValue` (e.g. '"G…"', '2.5', 'null'). Other bytes are untouched.
 */
export function editedDump(
  source: string | Readonly<Record<string, string>>,
  table: DataTable,
  primaryKey: KeyValue | readonly KeyValue[],
  column: string,
  newJsonValue: string,
): Record<string, string> {
  const files = typeof source === 'string' ? scDataFiles(source) : { ...source };
  const file = `${table}.ndjson`;
  const text = files[file];
  if (text === undefined) throw new Error(`editedDump: no ${file}`);
  const parsedValue: unknown = parse(newJsonValue);
  if (typeof parsedValue === 'object' && parsedValue !== null && !isLosslessNumber(parsedValue)) {
    throw new Error(`editedDump: ${newJsonValue} is not a JSON scalar`);
  }
  const want = (Array.isArray(primaryKey) ? primaryKey : [primaryKey]).map(String);
  const { primaryKey: keyColumns } = DUMP_TABLES[table];
  if (want.length !== keyColumns.length) throw new Error(`editedDump: ${table} is keyed by ${keyColumns.join(', ')}`);
  let hits = 0;
  const lines = text.split('\n').map((raw) => {
    if (raw.trim() === '') return raw;
    const line = { text: raw, cells: splitDumpLine(raw) };
    if (!keyColumns.every((k, i) => cellValue(line, table, k) === want[i])) return raw;
    hits++;
    const cells = [...line.cells];
    cells[columnIndex(table, column, cells.length)] = newJsonValue;
    return `[${cells.join(',')}]`;
  });
  if (hits !== 1) throw new Error(`editedDump: ${hits} rows of ${table} have the key ${want.join('|')}`);
  files[file] = lines.join('\n');
  return files;
}

/**
 * The raw JSON text of each value of a one-line JSON array of scalars, exactly as written (so that
 * `[${cells.join(',')}]` gives the line back). The line is checked with a lossless parse.
 */
export function splitDumpLine(line: string): string[] {
  const parsed: unknown = parse(line);
  if (!Array.isArray(parsed) || !line.startsWith('[') || !line.endsWith(']')) throw new Error(`not a one-line JSON array: ${line.slice(0, 60)}`);
  const cells: string[] = [];
  let start = 1;
  let inString = false;
  for (let i = 1; i < line.length - 1; i++) {
    const ch = line[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') throw new Error(`nested value in a dump line: ${line.slice(0, 60)}`);
    else if (ch === ',') {
      cells.push(line.slice(start, i));
      start = i + 1;
    }
  }
  const last = line.slice(start, line.length - 1);
  if (cells.length > 0 || last.trim() !== '') cells.push(last);
  if (cells.length !== parsed.length) throw new Error(`split ${cells.length} values but parsed ${parsed.length}: ${line.slice(0, 60)}`);
  return cells;
}

function readLines(dir: string, table: DataTable): Line[] {
  const text = fs.readFileSync(path.join(dir, `${table}.ndjson`), 'utf8');
  const columns = DUMP_TABLES[table].columns.length;
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cells = splitDumpLine(l);
      if (cells.length !== columns) throw new Error(`${table}: ${cells.length} values, expected the current ${columns}`);
      return { text: l, cells };
    });
}

/** Column names of a line with `count` values: today's, or sinking_txs's 15 before contract_id existed. */
function columnIndex(table: DataTable, column: string, count: number): number {
  let names = DUMP_TABLES[table].columns.map((c) => c.name);
  if (count !== names.length && table === 'sinking_txs') names = names.filter((n) => n !== 'contract_id');
  const i = names.indexOf(column);
  if (count !== names.length || i < 0) throw new Error(`${table} has no column ${column} in a line of ${count} values`);
  return i;
}

/** A cell as comparable text: a JSON string's value, else the literal (numbers exactly as written). */
function cellValue(line: Line, table: DataTable, column: string): string {
  const cell = (line.cells[columnIndex(table, column, line.cells.length)] as string).trim();
  return cell.startsWith('"') ? (JSON.parse(cell) as string) : cell;
}

/** The line without its 3rd value (contract_id), after checking the first three are what a sink line holds. */
function withoutContractId(line: Line): string {
  const [hash, createdAt, contract, ...rest] = line.cells;
  if (!/^"[0-9a-f]{64}"$/.test(hash ?? '') || !/^"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"$/.test(createdAt ?? '')) {
    throw new Error(`not a sinking_txs line: ${line.text.slice(0, 80)}`);
  }
  if (contract !== 'null') throw new Error(`sink ${hash} has contract_id ${contract}: it cannot be written in the 15-column shape`);
  return `[${[hash, createdAt, ...rest].join(',')}]`;
}

function assertClosed(rows: Record<DataTable, Line[]>, untilDate: string): void {
  const values = (t: DataTable, c: string) => new Set(rows[t].map((l) => cellValue(l, t, c)));
  const sinks = values('sinking_txs', 'hash');
  const blocks = values('minted_blocks', 'serial_hash');
  const dangling: string[] = [];
  for (const l of rows.sink_status) {
    if (!sinks.has(cellValue(l, 'sink_status', 'sinking_tx_hash'))) dangling.push(`sink_status ${l.text}`);
  }
  for (const l of rows.retirement_from_block) {
    if (!blocks.has(cellValue(l, 'retirement_from_block', 'block_hash'))) dangling.push(`retirement_from_block ${l.text}`);
  }
  for (const l of rows.retirements) {
    const hashes = cellValue(l, 'retirements', 'retirement_details').split(/\s+/).filter((w) => /^[0-9a-f]{64}$/.test(w));
    if (hashes.some((h) => !sinks.has(h))) dangling.push(`retirement ${cellValue(l, 'retirements', 'certificate_id')} names a later sink`);
  }
  if (dangling.length > 0) throw new Error(`sc-data on ${untilDate} is not closed:\n${dangling.join('\n')}`);
}

/** Lines as sc-audit writes a file: one per row, newline-terminated; an empty table is a lone newline. */
function fileText(lines: string[]): string {
  return lines.length > 0 ? `${lines.join('\n')}\n` : '\n';
}
