/**
 * Turns view rows into the CLI's and the UI export's text formats: CSV (RFC 4180) and a plain-text table.
 * One place, so a file exported from the app and one written by the CLI are the same bytes.
 */
export type Cell = string | number | boolean | null;

export interface TableData {
  columns: readonly string[];
  rows: readonly Record<string, Cell>[];
}

export interface CsvOptions {
  /** Keep cells exactly as they are, without formula neutralisation (for scripts, not spreadsheets). */
  raw?: boolean;
}

// A spreadsheet evaluates a cell starting with one of these as a formula ("CSV injection"): = + - @ TAB CR.
const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);
// ...but a plain negative number is just a number, and must stay one.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

export function neutraliseFormula(s: string): string {
  return FORMULA_START.has(s.charCodeAt(0)) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

function cellText(v: Cell): string {
  if (v === null) return '';
  return String(v);
}

/** One CSV cell: formulas neutralised (unless `raw`), quoted when it holds a quote, comma or line break. */
export function csvField(v: Cell, raw: boolean): string {
  // A number's or a boolean's text never holds a quote, comma or line break.
  if (typeof v !== 'string') return cellText(v);
  const s = raw ? v : neutraliseFormula(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with a header row, CRLF line ends and quoting as RFC 4180 specifies. */
export function toCsv(t: TableData, opts: CsvOptions = {}): string {
  const raw = opts.raw === true;
  const lines = [t.columns.map((c) => csvField(c, raw)), ...t.rows.map((r) => t.columns.map((c) => csvField(r[c] ?? null, raw)))];
  return lines.map((l) => `${l.join(',')}\r\n`).join('');
}

const MAX_TABLE_CELL = 70;

function tableCell(v: Cell): string {
  // Control characters would break the layout (or move the cursor of a terminal): shown as spaces.
  // eslint-disable-next-line no-control-regex
  const s = cellText(v).replace(/[\u0000-\u001f\u007f]/g, ' ');
  return s.length > MAX_TABLE_CELL ? `${s.slice(0, MAX_TABLE_CELL - 1)}…` : s;
}

/** A fixed-width text table with a dimensions footer, like sc-audit's default (pandas `to_string`). */
export function toTextTable(t: TableData): string {
  const cells = t.rows.map((r) => t.columns.map((c) => tableCell(r[c] ?? null)));
  const widths = t.columns.map((c, i) => Math.max(c.length, ...cells.map((row) => [...(row[i] ?? '')].length)));
  const numeric = t.columns.map((c) => t.rows.length > 0 && t.rows.every((r) => typeof r[c] === 'number' || r[c] === null));
  const line = (row: readonly string[]) =>
    row
      .map((v, i) => {
        const pad = (widths[i] ?? 0) - [...v].length;
        return numeric[i] ? ' '.repeat(pad) + v : v + ' '.repeat(pad);
      })
      .join('  ')
      .trimEnd();
  const body = [line(t.columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  return `${body.join('\n')}\n\n[${t.rows.length} rows x ${t.columns.length} columns]\n`;
}
