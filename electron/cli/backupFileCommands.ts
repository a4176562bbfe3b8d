import type { Command } from 'commander';
import path from 'node:path';
import { verdictLines } from '../core/audit/verifyRuns.js';
import { applyBackup } from '../core/backup/applyBackup.js';
import { createBackup } from '../core/backup/createBackup.js';
import { commandGroup, noVerifyOption, writeOut } from './cliArgs.js';
import { engineFor } from './context.js';

/**
 * `backup create FILE` and `backup apply FILE [--dry-run]`: whole-database copies (SQLite online backup), next to
 * `backup dump|restore` (backupCommands.ts) under the one `backup` group (commandGroup finds or creates it, so
 * registration order does not matter).
 */
export function registerBackupFileCommands(program: Command): void {
  const backup = commandGroup(program, 'backup', 'database backups: whole-file copies, and NDJSON dumps');

  backup
    .command('create')
    .description('copy the database to FILE (consistent even while the app runs; integrity-checked)')
    .argument('<file>', 'the backup file to write (replaced if it exists)')
    .showHelpAfterError(false)
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const engine = engineFor(cmd);
      try {
        const r = await createBackup(engine, path.resolve(file), { via: 'cli' });
        await writeOut(`Wrote ${r.file} (${r.bytes} bytes, sha256 ${r.sha256})\n`);
      } finally {
        engine.close();
      }
    });

  backup
    .command('apply')
    .description('replace the database with the backup FILE, after checking it; the current file is kept as <name>.before-<time>')
    .argument('<file>', 'a file written by `backup create`')
    .option('--dry-run', 'only check FILE and say what would happen')
    .addOption(noVerifyOption())
    .showHelpAfterError(false)
    .action(async (file: string, opts: { dryRun?: boolean; verify?: boolean }, cmd: Command) => {
      const engine = engineFor(cmd);
      try {
        const onWarning = (w: string) => process.stderr.write(`warning: ${w}\n`);
        const r = await applyBackup(engine, path.resolve(file), { dryRun: opts.dryRun === true, via: 'cli', verify: opts.verify, onWarning });
        const counts = r.rowCounts.map((c) => `${c.table} ${c.rows}`).join(', ');
        const lines = [
          `${r.candidate}: integrity ok, schema version ${r.schemaVersion}, sha256 ${r.sha256}`,
          `rows: ${counts}`,
          r.dryRun
            ? `Dry run: would replace ${engine.dbPath} and keep the current file as ${r.keptAsideAs}`
            : `Applied to ${engine.dbPath}; the previous database is kept as ${r.keptAsideAs}`,
        ];
        await writeOut(`${lines.join('\n')}\n${r.verify ? verdictLines(r.verify) : ''}`);
      } finally {
        engine.close();
      }
    });
}
