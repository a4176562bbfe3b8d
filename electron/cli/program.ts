import { Command } from 'commander';
import { APP_VERSION } from '../core/version.js';
import { registerAuditCommands } from './auditCommands.js';
import { registerServeCommand } from './serveCommand.js';
import { registerViewCommands } from './viewCommands.js';
import { registerBackupCommands } from './backupCommands.js';
import { registerBackupFileCommands } from './backupFileCommands.js';
import { registerMarkCommands } from './markCommands.js';
import { registerProofCommands } from './proofCommands.js';
import { registerSchemaCommands } from './schemaCommands.js';
import { registerSignCommands } from './signCommands.js';
import { registerSyncCommands } from './syncCommands.js';

/**
 * The CLI, sc-audit-compatible: each domain registers its commands from its own file.
 * Later commands plug in here, one line each.
 */
export function buildProgram(): Command {
  const program = new Command('sc-audit-explorer')
    .description('Audit Stellarcarbon carbon credits: catch up with Stellar Horizon and Verra, view, verify and export.')
    .version(APP_VERSION, '-V, --version')
    .option('--db <path>', 'database file (env SC_DB_PATH; default: the app-data folder)')
    .option('--actor <name>', 'who runs this, recorded in the audit log (env SC_ACTOR; default: the OS user)')
    .option('--note <text>', 'a note recorded with the operation in the audit log')
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerAuditCommands(program);
  registerViewCommands(program);
  registerMarkCommands(program);
  registerBackupCommands(program);
  registerBackupFileCommands(program);
  registerSchemaCommands(program);
  registerSyncCommands(program);
  registerSignCommands(program);
  registerProofCommands(program);
  return program;
}
