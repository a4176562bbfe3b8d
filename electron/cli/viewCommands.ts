import { type Command, Option } from 'commander';
import { DRIFT_KINDS, DRIFT_SOURCES, type DriftKind, type DriftSource } from '../../shared/api/drift.js';
import type { YoyRow } from '../../shared/api/views.js';
import { toCsv, toTextTable } from '../core/export/format.js';
import { toCells } from '../core/export/rowEncoder.js';
import { renameColumn, viewSource } from '../core/export/viewSources.js';
import { yoyAnalytics } from '../core/views/analytics.js';
import { carbonStats } from '../core/views/stats.js';
import { commandGroup, formatOption, parseBoolArg, parseDateOrTimeArg, parseSaleAddressArg, parseDayArg, parsePositiveIntArg } from './cliArgs.js';
import { withEngine, type OutputFormat } from './context.js';
import type { ByteSink } from '../core/export/writeExport.js';
import { KEY_FILE_HELP, signingKeyOf, signWrittenFile } from './signCommands.js';
import { checkOutputTarget, openOutputTarget, type OutputTargetOptions, printView, StdoutClosed } from './viewOutput.js';

/**
 * sc-audit's `view` commands: inventory, sink, retirements, analytics, plus stats and drift (issue 15). Every matching row is
 * printed unless --limit is given, like sc-audit. JSON = an array of objects keyed by sc-audit's column names,
 * amounts as exact decimal strings and TOIDs as strings.
 */
interface FormatOpts extends OutputTargetOptions {
  format: OutputFormat;
  raw?: boolean;
}

/** Writes the view to stdout or --out FILE, and signs the file with --sign (the key is read first). */
async function toTarget(opts: FormatOpts, cmd: Command, write: (sink: ByteSink) => Promise<unknown>): Promise<void> {
  checkOutputTarget(opts);
  const keypair = opts.sign ? await signingKeyOf(cmd) : null;
  const target = await openOutputTarget(opts, (file) => signWrittenFile(cmd, file, keypair!));
  try {
    await write(target.sink);
  } catch (err) {
    target.abort();
    if (err instanceof StdoutClosed) return;
    throw err;
  }
  await target.finish();
}

const text = (t: string) => (sink: ByteSink) => sink.write(Buffer.from(t, 'utf8'));

type Row = Record<string, unknown>;

/** `--reviewed true|false`: the views' `reviewed` filter (rows with, or without, a review mark). */
const REVIEWED_FLAG = '--reviewed <bool>';
const REVIEWED_HELP = 'true: only rows with a review mark (reviewed or questioned); false: only rows without one';

interface SaleFilterOpts {
  funder?: string;
  recipient?: string;
  fromDate?: string;
  beforeDate?: string;
  finalized?: boolean;
  contractCall?: boolean;
  unfinalizedBefore?: string;
  reviewed?: boolean;
}

/** The small views (analytics, stats): a few rows, written at once with the same CSV and table writers. */
function render(rows: Row[], columns: readonly string[], opts: FormatOpts): string {
  if (opts.format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const flat = rows.map((r) => toCells(r, columns));
  return opts.format === 'csv' ? toCsv({ columns, rows: flat }, { raw: opts.raw === true }) : toTextTable({ columns, rows: flat });
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
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--sign', 'also write FILE.sig.json, signed with your key (needs --out)')
    .option('--key-file <file>', KEY_FILE_HELP)
    .showHelpAfterError(false);
}

export function registerViewCommands(program: Command): void {
  const view = commandGroup(program, 'view', 'browse the database and its audit trail');

  viewCommand(view, 'inventory', "Stellarcarbon's current or historical inventory of credits, block by block")
    .option('--omit-empty', "don't show blocks with no credits left")
    .option('--until-date <date>', 'reconstruct the inventory at the end of this day (UTC)', parseDayArg)
    .option(REVIEWED_FLAG, REVIEWED_HELP, parseBoolArg)
    .action(async (opts: FormatOpts & { omitEmpty?: boolean; untilDate?: string; reviewed?: boolean }, cmd: Command) => {
      const filters = { omitEmpty: opts.omitEmpty === true, untilDate: opts.untilDate, reviewed: opts.reviewed };
      const source = viewSource({ view: 'inventory', format: 'csv', filters });
      // sc-audit names the column after what it is: the remainder now, or on the given date.
      const renamed = opts.untilDate ? renameColumn(source, 'credits_remaining', 'credits_remaining_on_date') : source;
      await toTarget(opts, cmd, (sink) => withEngine(cmd, (e) => printView(e.reader(), 'inventory', renamed, opts, sink)));
    });

  viewCommand(view, 'sink', 'sinking transactions (sales) and their retirement status, newest first')
    .option('--funder <address>', 'only transactions paid by this account or contract', parseSaleAddressArg)
    .option('--recipient <address>', 'only transactions for this recipient (account or contract)', parseSaleAddressArg)
    .option('--from-date <date>', 'on or after this day (UTC)', parseDayArg)
    .option('--before-date <date>', 'before this day (UTC)', parseDayArg)
    .option('--finalized <bool>', 'true: fully retired; false: not (yet)', parseBoolArg)
    .option('--contract-call <bool>', 'true: only sinks through the Soroban contract; false: exclude them', parseBoolArg)
    .option('--unfinalized-before <time>', 'not finalized and created before this UTC day or time (what verify lists as past the grace period)', parseDateOrTimeArg)
    .option(REVIEWED_FLAG, REVIEWED_HELP, parseBoolArg)
    .option('--limit <n>', 'at most this many rows', parsePositiveIntArg)
    .action(
      async (
        opts: FormatOpts & SaleFilterOpts & { limit?: number },
        cmd: Command,
      ) => {
        const { funder, recipient, fromDate, beforeDate, finalized, contractCall, unfinalizedBefore, reviewed } = opts;
        const filters = { funder, recipient, fromDate, beforeDate, finalized, contractCall, unfinalizedBefore, reviewed, order: 'desc' as const };
        const source = viewSource({ view: 'sinkingTxs', format: 'csv', filters }, opts.limit ?? null);
        await toTarget(opts, cmd, (sink) => withEngine(cmd, (e) => printView(e.reader(), 'sinkingTxs', source, opts, sink)));
      },
    );

  viewCommand(view, 'retirements', 'retirements of credits, highest certificate id first')
    .option('--beneficiary <text>', 'only retirements whose beneficiary starts with this')
    .option('--from-date <date>', 'retired on or after this day', parseDayArg)
    .option('--before-date <date>', 'retired before this day', parseDayArg)
    .option('--project <id>', 'only this VCS project', parsePositiveIntArg)
    .option(REVIEWED_FLAG, REVIEWED_HELP, parseBoolArg)
    .option('--limit <n>', 'at most this many rows', parsePositiveIntArg)
    .action(
      async (opts: FormatOpts & { beneficiary?: string; fromDate?: string; beforeDate?: string; project?: number; reviewed?: boolean; limit?: number }, cmd: Command) => {
        const { beneficiary, fromDate, beforeDate, project, reviewed } = opts;
        const filters = { beneficiary, fromDate, beforeDate, project, reviewed, order: 'desc' as const };
        const source = viewSource({ view: 'retirements', format: 'csv', filters }, opts.limit ?? null);
        await toTarget(opts, cmd, (sink) => withEngine(cmd, (e) => printView(e.reader(), 'retirements', source, opts, sink)));
      },
    );

  viewCommand(view, 'drift', 'registry drift: where Verra now differs from the retirements and blocks as stored, newest first')
    .addOption(new Option('--source <source>', 'only retirements or only pool batches').choices([...DRIFT_SOURCES]))
    .addOption(new Option('--kind <kind>', 'only this kind of difference').choices([...DRIFT_KINDS]))
    .option('--subject <id>', 'only this certificate id or pool batch serial number')
    .option('--limit <n>', 'at most this many rows', parsePositiveIntArg)
    .action(async (opts: FormatOpts & { source?: DriftSource; kind?: DriftKind; subject?: string; limit?: number }, cmd: Command) => {
      const filters = { source: opts.source, kind: opts.kind, subject: opts.subject, order: 'desc' as const };
      const source = viewSource({ view: 'drift', format: 'csv', filters }, opts.limit ?? null);
      await toTarget(opts, cmd, (sink) => withEngine(cmd, (e) => printView(e.reader(), 'drift', source, opts, sink)));
    });

  viewCommand(view, 'analytics', 'year-over-year analytics of the sales').action(async (opts: FormatOpts, cmd: Command) => {
    const rows = await withEngine(cmd, (e) => yoyAnalytics(e.reader()));
    await toTarget(opts, cmd, text(render(rows as unknown as Row[], YOY_COLUMNS, opts)));
  });

  viewCommand(view, 'stats', 'carbon sunk, retired, pending and stored')
    .option('--recipient <address>', 'only sales for this recipient, account or contract (carbon_stored is then left out)', parseSaleAddressArg)
    .action(async (opts: FormatOpts & { recipient?: string }, cmd: Command) => {
      const stats = await withEngine(cmd, (e) => carbonStats(e.reader(), opts.recipient));
      const columns = ['carbon_sunk', 'carbon_retired', 'carbon_pending', ...(stats.carbon_stored === null ? [] : ['carbon_stored'])];
      const row = Object.fromEntries(columns.map((c) => [c, stats[c as keyof typeof stats]]));
      // One record: JSON is that object (sc-audit's stats dict), not an array.
      await toTarget(opts, cmd, text(opts.format === 'json' ? `${JSON.stringify(row, null, 2)}\n` : render([row], columns, opts)));
    });
}
