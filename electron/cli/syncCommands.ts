import { type Command, Argument } from 'commander';
import type { VerifyVerdict } from '../../shared/api/audit.js';
import type { SyncResult, SyncStep } from '../../shared/api/sync.js';
import { LOAD_TARGET_NAMES } from '../../shared/api/sync.js';
import { verdictLines } from '../core/audit/verifyRuns.js';
import { fileLine } from '../core/bootstrap/bootstrap.js';
import { runBootstrap, runSync } from '../core/sync/runSync.js';
import type { StepProgress } from '../core/sync/types.js';
import { noVerifyOption } from './cliArgs.js';
import { engineFor, type GlobalOptions } from './context.js';

/** What each step loads, in sc-audit's words ("Loaded 31 sinking transactions"); printed in our step order. */
const LOADED_WHAT: Record<Exclude<SyncStep, 'sink-contract-calls'>, string> = {
  'impact-projects': 'impact projects',
  'distribution-txs': 'distribution outflows',
  'sinking-txs': 'sinking transactions',
  retirements: 'retirements',
  'minted-blocks': 'minted blocks',
  'retirement-from-block': 'retirement-from-block associations',
  'sink-statuses': 'sink status associations',
};

/** Contract-call sales, named after their indexer as sc-audit does; with neither indexer set, one line says so. */
const CONTRACT_CALLS_WHAT: Record<NonNullable<SyncResult['contractCalls']>, string> = {
  obsrvr: 'sink invocations',
  mercury: 'sink events',
};

function loadedLine(step: SyncStep, loaded: number, result: SyncResult): string {
  if (step !== 'sink-contract-calls') return `Loaded ${loaded} ${LOADED_WHAT[step]}\n`;
  if (result.contractCalls === null) return 'Skipped sink contract calls: neither SC_OBSRVR_FLOW_DB_URI nor SC_MERCURY_KEY is set\n';
  return `Loaded ${loaded} ${CONTRACT_CALLS_WHAT[result.contractCalls]}\n`;
}

export function loadedLines(result: SyncResult): string {
  const gaps = result.historyGaps.map(
    (g) => `History gap: ${g.stream} ledgers ${g.fromLedger}–${g.toLedger} (${g.fromDate ?? '?'} to ${g.toDate ?? '?'}) are not held by ${g.horizonUrl}; records in it would be invisible\n`,
  );
  return result.counts.map((c) => loadedLine(c.step, c.loaded, result)).join('') + gaps.join('');
}

const stderrLine = (line: string) => process.stderr.write(`${line}\n`);

/** Waits (rate limits, retries) go to stderr so stdout stays the one-line-per-step summary. */
function printWaits(p: StepProgress): void {
  if (p.state === 'waiting' && p.message) process.stderr.write(`${p.step}: ${p.message}\n`);
}

async function run(cmd: Command, target?: (typeof LOAD_TARGET_NAMES)[number]): Promise<void> {
  const engine = engineFor(cmd);
  const opts = cmd.optsWithGlobals<GlobalOptions & { fresh?: boolean; verify?: boolean }>();
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  let verdict: VerifyVerdict | null = null;
  try {
    const result = await runSync(engine, {
      target,
      fresh: opts.fresh === true,
      via: 'cli',
      note: opts.note,
      actor: opts.actor,
      signal: ac.signal,
      onProgress: printWaits,
      onBootstrap: (p) => p.kind !== 'bytes' && stderrLine(`bootstrap: ${p.message}`),
      onWarning: (w) => stderrLine(`warning: ${w}`),
      verify: opts.verify,
      // A catch-up that failed part-way is verified too: its verdict goes out before the error.
      onVerified: (v) => (verdict = v),
    }).catch((err: unknown) => {
      if (verdict) process.stdout.write(verdictLines(verdict));
      throw err;
    });
    if (result.bootstrap) process.stdout.write(bootstrapSummary(result.bootstrap));
    // sc-audit's catch-up says this before its steps (after any bootstrap); its `load` commands do not.
    if (target === undefined) process.stdout.write('Started catch-up from data sources...\n');
    // The verify verdict comes last; the exit status stays the catch-up's own (only `verify` exits 1 on a failed check).
    process.stdout.write(loadedLines(result) + (result.verify ? verdictLines(result.verify) : ''));
  } finally {
    process.off('SIGINT', onSigint);
    engine.close();
  }
}

function bootstrapSummary(b: { source: string; files: { rows: number; action: string }[] }): string {
  const restored = b.files.filter((f) => f.action === 'restored');
  return `Restored ${restored.reduce((n, f) => n + f.rows, 0)} rows into ${restored.length} tables from ${b.source}\n`;
}

async function bootstrap(cmd: Command): Promise<void> {
  const engine = engineFor(cmd);
  const opts = cmd.optsWithGlobals<GlobalOptions & { from?: string; verify?: boolean }>();
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    const result = await runBootstrap(engine, {
      from: opts.from,
      via: 'cli',
      note: opts.note,
      actor: opts.actor,
      signal: ac.signal,
      onBootstrap: (p) => p.kind !== 'bytes' && stderrLine(`bootstrap: ${p.message}`),
      onWarning: (w) => stderrLine(`warning: ${w}`),
      verify: opts.verify,
    });
    const verdict = result.verify ? verdictLines(result.verify) : '';
    process.stdout.write(result.files.map((f) => `${fileLine(f)} (${f.action})\n`).join('') + bootstrapSummary(result) + verdict);
  } finally {
    process.off('SIGINT', onSigint);
    engine.close();
  }
}

export function registerSyncCommands(program: Command): void {
  program
    .command('catch-up')
    .description('load everything new from Stellar Horizon and Verra, step by step (as sc-audit catch-up); bootstraps first when a table is empty')
    .option('--fresh', "don't bootstrap from the published dumps (SC_DATA_URL) even when a table is empty")
    .addOption(noVerifyOption())
    .action((_opts: unknown, cmd: Command) => run(cmd));
  program
    .command('bootstrap')
    .description("restore Stellarcarbon's published dumps (sc-data) into the empty tables, recorded with each file's sha256")
    .option('--from <url|dir>', 'a base URL under which <table>.ndjson lie, or a local folder (default: SC_DATA_URL)')
    .addOption(noVerifyOption())
    .action((_opts: unknown, cmd: Command) => bootstrap(cmd));
  program
    .command('load')
    .description('run one loader (as sc-audit load)')
    .addArgument(new Argument('<target>', 'what to load').choices(LOAD_TARGET_NAMES))
    .action((target: (typeof LOAD_TARGET_NAMES)[number], _opts: unknown, cmd: Command) => run(cmd, target));
}
