import { Argument, type Command } from 'commander';
import { MARKABLE_TABLES, type MarkableTable, type ReviewMark } from '../../shared/api/marks.js';
import { AppError } from '../../shared/errors.js';
import { clearMark, listMarks, setMark } from '../core/audit/reviewMarks.js';
import { toTextTable } from '../core/export/format.js';
import { commandGroup, formatOption, writeOut } from './cliArgs.js';
import { withEngine, type OutputFormat } from './context.js';

/**
 * `mark TABLE KEY --reviewed|--questioned [--note TEXT]`, `mark TABLE KEY --clear` and `view marks`: the auditor's
 * review marks (a recorded operation each, on the hash chain, attributed to --actor). verify names a marked row
 * that changed after its mark.
 */
const MARK_COLUMNS = ['table', 'key', 'status', 'note', 'actor', 'markedAt', 'operationId'] as const satisfies readonly (keyof ReviewMark)[];

function markLine(m: ReviewMark): string {
  return `Marked ${m.table} ${m.key} as ${m.status} (by ${m.actor} at ${m.markedAt}${m.note ? `: ${m.note}` : ''})\n`;
}

export function registerMarkCommands(program: Command): void {
  program
    .command('mark')
    .description('mark a sale, retirement or block as reviewed (or questioned), with a note; recorded in the audit log')
    .addArgument(new Argument('<table>', 'what is marked').choices(MARKABLE_TABLES))
    .argument('<key>', "the row's key: a sale's hash, a retirement's certificate id, a block's serial hash")
    .option('--reviewed', 'mark it as reviewed (the default)')
    .option('--questioned', 'flag it as questioned')
    .option('--note <text>', 'why (kept with the mark)')
    .option('--clear', 'remove the mark')
    .showHelpAfterError(false)
    .action(async (table: MarkableTable, key: string, opts: { reviewed?: boolean; questioned?: boolean; note?: string; clear?: boolean }, cmd: Command) => {
      const given = [opts.reviewed, opts.questioned, opts.clear].filter(Boolean).length;
      if (given > 1) throw new AppError('BAD_INPUT', 'mark: give one of --reviewed, --questioned or --clear');
      // The mark's --note is the mark's own; the global --note (before the command) still annotates the operation.
      const text = await withEngine(cmd, async (engine) => {
        if (opts.clear) return (await clearMark(engine, { table, key }, { via: 'cli' })).cleared ? `Cleared the mark on ${table} ${key}\n` : `${table} ${key} had no mark\n`;
        return markLine(await setMark(engine, { table, key, status: opts.questioned ? 'questioned' : 'reviewed', note: opts.note }, { via: 'cli' }));
      });
      await writeOut(text);
    });

  commandGroup(program, 'view', 'browse the database and its audit trail')
    .command('marks')
    .description('the review marks, newest first')
    .addOption(formatOption(['table', 'json']))
    .addArgument(new Argument('[table]', 'only the marks of this table').choices(MARKABLE_TABLES))
    .showHelpAfterError(false)
    .action(async (table: MarkableTable | undefined, opts: { format: OutputFormat }, cmd: Command) => {
      const marks = await withEngine(cmd, (engine) => listMarks(engine.reader(), { table }));
      const rows = marks.map((m) => ({ ...m }));
      await writeOut(opts.format === 'json' ? `${JSON.stringify(marks, null, 2)}\n` : toTextTable({ columns: MARK_COLUMNS, rows }));
    });
}
