#!/usr/bin/env node
import { buildProgram } from './cli/program.js';
import { reportCliError } from './cli/errors.js';

/** The `sc-audit-explorer` command: runs one command and exits with its code. */
async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = reportCliError(err);
  }
}

void main(process.argv);
