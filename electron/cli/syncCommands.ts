import { type Command, Argument } from 'commander';
import type { SyncResult, SyncStep } from '../../shared/api/sync.js';
import { LOAD_TARGET_NAMES } from '../../shared/api/sync.js';
import { runSync } from '../core/sync/runSync.js';
import type { StepProgress } from '../core/sync/types.js';
import { engineFor, type GlobalOptions } from './context.js';

/** What each step loads, for "Loaded 31 sinking transactions". */
const LOADED_WHAT: Record<SyncStep, string> = {
  'impact-projects': 'impact projects',
  'distribution-txs': 'distribution transactions',
  'sinking-txs': 'sinking transactions',
  retirements: 'retirements',
  'minted-blocks': 'minted blocks',
  'retirement-from-block': 'retirement-from-block associations',
  'sink-statuses': 'sink statuses',
};

export function loadedLines(result: SyncResult): string {
  return result.counts.map((c) => `Loaded ${c.loaded} ${LOADED_WHAT[c.step]}\n`).join('');
}

/** Waits (rate limits, retries) go to stderr so stdout stays the one-line-per-step summary. */
function printWaits(p: StepProgress): void {
  if (p.state === 'waiting' && p.message) process.stderr.write(`${p.step}: ${p.message}\n`);
}

async function run(cmd: Command, target?: (typeof LOAD_TARGET_NAMES)[number]): Promise<void> {
  const engine = engineFor(cmd);
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    const result = await runSync(engine, { target, via: 'cli', note: opts.note, actor: opts.actor, signal: ac.signal, onProgress: printWaits });
    process.stdout.write(loadedLines(result));
  } finally {
    process.off('SIGINT', onSigint);
    engine.close();
  }
}

export function registerSyncCommands(program: Command): void {
  program
    .command('catch-up')
    .description('load everything new from Stellar Horizon and Verra, step by step (as sc-audit catch-up)')
    .action((_opts: unknown, cmd: Command) => run(cmd));
  program
    .command('load')
    .description('run one loader (as sc-audit load)')
    .addArgument(new Argument('<target>', 'what to load').choices(LOAD_TARGET_NAMES))
    .action((target: (typeof LOAD_TARGET_NAMES)[number], _opts: unknown, cmd: Command) => run(cmd, target));
}
