import { Command } from 'commander';
import { APP_VERSION } from '../core/version.js';
import { registerServeCommand } from './serveCommand.js';

/**
 * The CLI, sc-audit-compatible: each domain registers its commands from its own file.
 * Later commands plug in here, one line each.
 */
export function buildProgram(): Command {
  const program = new Command('sc-audit-explorer')
    .description('Audit Stellarcarbon carbon credits: catch up with Stellar Horizon and Verra, view, verify and export.')
    .version(APP_VERSION, '-V, --version')
    .option('--db <path>', 'database file (env SC_DB_PATH; default: the app-data folder)')
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  return program;
}
