import type { Command } from 'commander';
import type { OperationDefaults } from '../core/audit/operationRunner.js';
import { Engine } from '../core/engine.js';
import { resolveDbPath } from '../core/paths.js';
import { keyFileStore, SIGNING_KEY_FILE_ENV } from '../core/signing/signingKey.js';

/** Global options every command sees. */
export interface GlobalOptions {
  db?: string;
  actor?: string;
  note?: string;
}

/**
 * Opens the engine on the database chosen by --db / SC_DB_PATH / the app-data default. Its operations record
 * --actor, --note and the command line (for `reproduce`).
 */
export function engineFor(cmd: Command): Engine {
  const opts = cmd.optsWithGlobals<GlobalOptions & { keyFile?: string }>();
  // --key-file (sign, report, view … --sign) wins over SC_SIGNING_KEY_FILE.
  const signingKeys = keyFileStore(opts.keyFile ?? process.env[SIGNING_KEY_FILE_ENV], (m) => process.stderr.write(`warning: ${m}\n`));
  return new Engine(resolveDbPath(opts.db), { operationDefaults: operationDefaultsFor(cmd), signingKeys });
}

/** `serve` runs operations for a browser (they carry via 'http'): its own command line is not theirs to replay. */
/** Runs fn with the command's engine, closing it afterwards whatever happens. */
export async function withEngine<T>(cmd: Command, fn: (engine: Engine) => T | Promise<T>): Promise<T> {
  const engine = engineFor(cmd);
  try {
    return await fn(engine);
  } finally {
    engine.close();
  }
}

export function operationDefaultsFor(cmd: Command): OperationDefaults {
  const o = cmd.optsWithGlobals<GlobalOptions>();
  let root = cmd;
  while (root.parent) root = root.parent;
  const raw = (root as unknown as { rawArgs?: string[] }).rawArgs ?? process.argv;
  const serving = cmd.name() === 'serve';
  return { actor: o.actor, note: o.note, via: serving ? undefined : 'cli', command: serving ? null : raw.slice(2) };
}

/** Output formats shared by every `view` command. */
export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
