import type { Command } from 'commander';
import fs from 'node:fs';
import { schemaVersionOf } from '../core/db/migrate.js';
import { LATEST_SCHEMA_VERSION, migrations } from '../core/db/migrations/index.js';
import { openReadDb } from '../core/db/open.js';
import { resolveDbPath } from '../core/paths.js';
import { commandGroup, writeOut } from './cliArgs.js';
import { engineFor, type GlobalOptions } from './context.js';

/**
 * `schema current` reads the version without changing the file (unlike every other command, which migrates
 * on open); `schema upgrade` applies the pending migrations, each recorded in the audit log.
 */
function describeVersion(v: number): string {
  const m = migrations[v - 1];
  return v === 0 ? '0 (empty)' : `${v} (${m ? m.name : 'unknown: newer than this app'})`;
}

function currentVersion(file: string): number | null {
  if (file !== ':memory:' && !fs.existsSync(file)) return null;
  const db = openReadDb(file);
  try {
    return schemaVersionOf(db);
  } finally {
    db.close();
  }
}

export function registerSchemaCommands(program: Command): void {
  const schema = commandGroup(program, 'schema', 'database schema version and migrations');

  schema
    .command('current')
    .description('show the schema version of the database, without changing it')
    .option('-v, --verbose', 'also list the pending migrations')
    .showHelpAfterError(false)
    .action(async (opts: { verbose?: boolean }, cmd: Command) => {
      const file = resolveDbPath(cmd.optsWithGlobals<GlobalOptions>().db);
      const v = currentVersion(file);
      if (v === null) {
        await writeOut(`No database at ${file} yet (latest schema version ${LATEST_SCHEMA_VERSION})\n`);
        return;
      }
      let text = `${file}: schema version ${describeVersion(v)}; latest ${LATEST_SCHEMA_VERSION}${v < LATEST_SCHEMA_VERSION ? ' (upgrade pending)' : ''}\n`;
      if (opts.verbose) for (const m of migrations.slice(v)) text += `pending: ${m.version} ${m.name}\n`;
      await writeOut(text);
    });

  schema
    .command('upgrade')
    .description('apply pending migrations (creates the database when missing)')
    .showHelpAfterError(false)
    .action(async (_opts: unknown, cmd: Command) => {
      const engine = engineFor(cmd);
      const file = engine.dbPath;
      const before = currentVersion(file) ?? 0;
      const after = schemaVersionOf(engine.writer());
      engine.close();
      await writeOut(
        before === after
          ? `${file}: schema version ${describeVersion(after)} is the latest; nothing to do\n`
          : `${file}: upgraded schema from ${describeVersion(before)} to ${describeVersion(after)}\n`,
      );
    });
}
