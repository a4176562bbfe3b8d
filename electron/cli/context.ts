import type { Command } from 'commander';
import { Engine } from '../core/engine.js';
import { resolveDbPath } from '../core/paths.js';

/** Global options every command sees. */
export interface GlobalOptions {
  db?: string;
  actor?: string;
  note?: string;
}

/** Opens the engine on the database chosen by --db / SC_DB_PATH / the app-data default. */
export function engineFor(cmd: Command): Engine {
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  return new Engine(resolveDbPath(opts.db));
}

/** Output formats shared by every `view` command. */
export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
