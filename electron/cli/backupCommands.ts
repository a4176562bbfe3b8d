import { type Command, Option } from 'commander';
import path from 'node:path';
import { DATA_TABLES } from '../core/db/migrations/index.js';
import { restoreDumpFolder } from '../core/dump/restoreOperation.js';
import { dumpDatabase } from '../core/dump/writeDump.js';
import { verdictLines } from '../core/audit/verifyRuns.js';
import { commandGroup, noVerifyOption, writeOut } from './cliArgs.js';
import { engineFor } from './context.js';

/**
 * `backup dump DIR` and `backup restore DIR`: sc-audit's NDJSON dumps (the published sc-data files restore
 * as they are). Both run as recorded operations, so the audit log shows who restored what, and when.
 */
const collect = (value: string, previous: string[] = []) => [...previous, value];
const tableOption = (what: string) => new Option('-t, --table <table>', `${what} (repeatable; default: all)`).choices(DATA_TABLES).argParser(collect);

export function registerBackupCommands(program: Command): void {
  const backup = commandGroup(program, 'backup', 'dump to or restore from NDJSON files (sc-data format), or create and apply a backup copy of the database file');

  backup
    .command('dump')
    .description('write <table>.ndjson files into DIR (default: every table)')
    .argument('<dir>', 'output directory (created if missing)')
    .addOption(tableOption('a table to dump'))
    .showHelpAfterError(false)
    .action(async (dir: string, opts: { table?: string[] }, cmd: Command) => {
      const engine = engineFor(cmd);
      try {
        const out = path.resolve(dir);
        const results = engine.runOperationSync({ kind: 'dump', params: { dir: out, tables: opts.table ?? null }, writes: false }, (op) => {
          const written = dumpDatabase(engine.reader(), out, opts.table);
          for (const r of written) op.recordOutputFile(r.file);
          op.setResult({ rows: Object.fromEntries(written.map((r) => [r.table, r.rows])) });
          return written;
        });
        await writeOut(results.map((r) => `Wrote ${r.rows} rows of ${r.table} to ${r.file}\n`).join(''));
      } finally {
        engine.close();
      }
    });

  backup
    .command('restore')
    .description('load <table>.ndjson files from DIR in dependency order, all or nothing')
    .argument('<dir>', 'directory holding the dump files')
    .option('--replace', 'replace the rows of tables that already hold rows (default: leave them alone)')
    .addOption(tableOption('a table to restore'))
    .addOption(noVerifyOption())
    .showHelpAfterError(false)
    .action(async (dir: string, opts: { replace?: boolean; table?: string[]; verify?: boolean }, cmd: Command) => {
      const engine = engineFor(cmd);
      try {
        const input = path.resolve(dir);
        const onWarning = (w: string) => process.stderr.write(`warning: ${w}\n`);
        const restored = await restoreDumpFolder(engine, input, { replace: opts.replace === true, tables: opts.table, via: 'cli', verify: opts.verify, onWarning });
        const results = restored.tables;
        const lines = results.map((r) => {
          if (r.action === 'missing') return `Couldn't find ${path.join(input, `${r.table}.ndjson`)}: ${r.table} left as it was\n`;
          if (r.action === 'kept') return `Leaving ${r.rows} rows of ${r.table} intact (use --replace to overwrite)\n`;
          return `${r.deleted ? `Deleted ${r.deleted} existing rows from ${r.table}; ` : ''}Restored ${r.rows} rows into ${r.table}\n`;
        });
        // The verify verdict comes last; the exit status stays the restore's own.
        await writeOut(lines.join('') + (restored.verify ? verdictLines(restored.verify) : ''));
      } finally {
        engine.close();
      }
    });
}
