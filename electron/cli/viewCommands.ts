import type { Command } from 'commander';
import { INVENTORY_FIELDS, RETIREMENT_FIELDS, SINKING_TX_FIELDS } from '../core/views/outputFields.js';
import type { YoyRow } from '../../shared/api/views.js';
import type { Engine } from '../core/engine.js';
import { type Cell, toCsv, toTextTable } from '../core/export/format.js';
import { yoyAnalytics } from '../core/views/analytics.js';
import { viewInventory } from '../core/views/inventory.js';
import { listRetirements } from '../core/views/retirements.js';
import { listSinkingTxs } from '../core/views/sinkingTxs.js';
import { carbonStats } from '../core/views/stats.js';
import { commandGroup, formatOption, parseBoolArg, parseSaleAddressArg, parseDayArg, parsePositiveIntArg, writeOut } from './cliArgs.js';
import { engineFor, type OutputFormat } from './context.js';

/**
 * sc-audit's `view` commands: inventory, sink, retirements, analytics, plus stats. Every matching row is
 * printed unless --limit is given, like sc-audit. JSON = an array of objects keyed by sc-audit's column names,
 * amounts as exact decimal strings and TOIDs as strings.
 */
interface FormatOpts {
  format: OutputFormat;
  raw?: boolean;
}

type Row = Record<string, unknown>;

function render(rows: Row[], columns: readonly string[], opts: FormatOpts): string {
  if (opts.format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  // Nested lists (a sale's statuses) go into one cell as JSON text, so CSV stays one line per row.
  const flat = rows.map((r) => Object.fromEntries(columns.map((c) => [c, toCell(r[c])])) as Record<string, Cell>);
  return opts.format === 'csv' ? toCsv({ columns, rows: flat }, { raw: opts.raw === true }) : toTextTable({ columns, rows: flat });
}

function toCell(v: unknown): Cell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

async function withEngine<T>(cmd: Command, fn: (engine: Engine) => T): Promise<T> {
  const engine = engineFor(cmd);
  try {
    return fn(engine);
  } finally {
    engine.close();
  }
}

const YOY_COLUMNS = [
  'year',
  'mau',
  'yoy_mau',
  'num_tx',
  'yoy_num_tx',
  'volume_usd',
  'yoy_volume_usd',
  'carbon_sunk',
  'yoy_carbon_sunk',
] as const satisfies readonly (keyof YoyRow)[];

function viewCommand(view: Command, name: string, description: string): Command {
  return view
    .command(name)
    .description(description)
    .addOption(formatOption())
    .option('--raw', 'CSV: keep cells that start with = + - @ as they are (no leading apostrophe)')
    .showHelpAfterError(false);
}

export function registerViewCommands(program: Command): void {
  const view = commandGroup(program, 'view', 'browse the database and its audit trail');

  viewCommand(view, 'inventory', "Stellarcarbon's current or historical inventory of credits, block by block")
    .option('--omit-empty', "don't show blocks with no credits left")
    .option('--until-date <date>', 'reconstruct the inventory at the end of this day (UTC)', parseDayArg)
    .action(async (opts: FormatOpts & { omitEmpty?: boolean; untilDate?: string }, cmd: Command) => {
      const inv = await withEngine(cmd, (e) => viewInventory(e.reader(), { omitEmpty: opts.omitEmpty === true, untilDate: opts.untilDate }));
      // sc-audit names the column after what it is: the remainder now, or on the given date.
      const remainingName = inv.untilDate ? 'credits_remaining_on_date' : 'credits_remaining';
      const rows = inv.rows.map((r) => Object.fromEntries(INVENTORY_FIELDS.map((c) => [c === 'credits_remaining' ? remainingName : c, r[c]])));
      await writeOut(render(rows, INVENTORY_FIELDS.map((c) => (c === 'credits_remaining' ? remainingName : c)), opts));
    });

  viewCommand(view, 'sink', 'sinking transactions (sales) and their retirement status, newest first')
    .option('--funder <address>', 'only transactions paid by this account or contract', parseSaleAddressArg)
    .option('--recipient <address>', 'only transactions for this recipient (account or contract)', parseSaleAddressArg)
    .option('--from-date <date>', 'on or after this day (UTC)', parseDayArg)
    .option('--before-date <date>', 'before this day (UTC)', parseDayArg)
    .option('--finalized <bool>', 'true: fully retired; false: not (yet)', parseBoolArg)
    .option('--contract-call <bool>', 'true: only sinks through the Soroban contract; false: exclude them', parseBoolArg)
    .option('--limit <n>', 'at most this many rows', parsePositiveIntArg)
    .action(
      async (
        opts: FormatOpts & { funder?: string; recipient?: string; fromDate?: string; beforeDate?: string; finalized?: boolean; contractCall?: boolean; limit?: number },
        cmd: Command,
      ) => {
        const page = await withEngine(cmd, (e) =>
          listSinkingTxs(e.reader(), {
            funder: opts.funder,
            recipient: opts.recipient,
            fromDate: opts.fromDate,
            beforeDate: opts.beforeDate,
            finalized: opts.finalized,
            contractCall: opts.contractCall,
            limit: opts.limit ?? null,
          }),
        );
        await writeOut(render(page.rows as unknown as Row[], SINKING_TX_FIELDS, opts));
      },
    );

  viewCommand(view, 'retirements', 'retirements of credits, highest certificate id first')
    .option('--beneficiary <text>', 'only retirements whose beneficiary starts with this')
    .option('--from-date <date>', 'retired on or after this day', parseDayArg)
    .option('--before-date <date>', 'retired before this day', parseDayArg)
    .option('--project <id>', 'only this VCS project', parsePositiveIntArg)
    .option('--limit <n>', 'at most this many rows', parsePositiveIntArg)
    .action(async (opts: FormatOpts & { beneficiary?: string; fromDate?: string; beforeDate?: string; project?: number; limit?: number }, cmd: Command) => {
      const page = await withEngine(cmd, (e) =>
        listRetirements(e.reader(), {
          beneficiary: opts.beneficiary,
          fromDate: opts.fromDate,
          beforeDate: opts.beforeDate,
          project: opts.project,
          limit: opts.limit ?? null,
        }),
      );
      await writeOut(render(page.rows as unknown as Row[], RETIREMENT_FIELDS, opts));
    });

  viewCommand(view, 'analytics', 'year-over-year analytics of the sales').action(async (opts: FormatOpts, cmd: Command) => {
    const rows = await withEngine(cmd, (e) => yoyAnalytics(e.reader()));
    await writeOut(render(rows as unknown as Row[], YOY_COLUMNS, opts));
  });

  viewCommand(view, 'stats', 'carbon sunk, retired, pending and stored')
    .option('--recipient <address>', 'only sales for this recipient, account or contract (carbon_stored is then left out)', parseSaleAddressArg)
    .action(async (opts: FormatOpts & { recipient?: string }, cmd: Command) => {
      const stats = await withEngine(cmd, (e) => carbonStats(e.reader(), opts.recipient));
      const columns = ['carbon_sunk', 'carbon_retired', 'carbon_pending', ...(stats.carbon_stored === null ? [] : ['carbon_stored'])];
      const row = Object.fromEntries(columns.map((c) => [c, stats[c as keyof typeof stats]]));
      // One record: JSON is that object (sc-audit's stats dict), not an array.
      await writeOut(opts.format === 'json' ? `${JSON.stringify(row, null, 2)}\n` : render([row], columns, opts));
    });
}
