import type * as StellarBase from '@stellar/stellar-base';
import type * as Domutils from 'domutils';
import type * as Htmlparser2 from 'htmlparser2';
import type Pg from 'pg';

/**
 * Libraries loaded when first used rather than when the app starts (the CLI, `serve` and the desktop app all load
 * the whole engine at start-up; docs/performance.md, cold start): each is needed by few paths, and loading it costs
 * (from node_modules / in the bundled CLI) —
 * - @stellar/stellar-base builds every XDR type of the protocol: ~145 / ~60 ms; for signing, verifying a signature
 *   and reading a contract call's arguments;
 * - pg: ~85 / ~40 ms; for the Obsrvr Flow indexer only;
 * - htmlparser2 and domutils (its tree walker): ~40 ms from node_modules; for Verra's pool report only.
 * Synchronous CommonJS requires (the package is CommonJS; Node caches each module after its first load), written
 * out literally so that a bundler still includes them.
 */
function lazy<T>(load: () => T): () => T {
  let module: { value: T } | undefined;
  return () => (module ??= { value: load() }).value;
}

/* eslint-disable @typescript-eslint/no-require-imports -- the lazy loads described above */
export const stellarBase = lazy(() => require('@stellar/stellar-base') as typeof StellarBase);
export const pg = lazy(() => require('pg') as typeof Pg);
export const htmlparser2 = lazy(() => require('htmlparser2') as typeof Htmlparser2);
export const domutils = lazy(() => require('domutils') as typeof Domutils);
/* eslint-enable @typescript-eslint/no-require-imports */
