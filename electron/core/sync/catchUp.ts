import { AppError } from '../../../shared/errors.js';
import type { SourceConfig } from '../config.js';
import type { WriteDb } from '../db/types.js';
import { HorizonClient } from '../sources/horizon.js';
import { HttpClient } from '../sources/http.js';
import { VerraClient } from '../sources/verra.js';
import { checkHorizonHistory, historyFloor, isHorizonStream } from './historyBounds.js';
import { StepCheckpoints } from './stepCheckpoints.js';
import { loadRetirementFromBlock, loadSinkStatuses } from './steps/associations.js';
import { loadDistributionTxs } from './steps/distributionTxs.js';
import { loadImpactProjects } from './steps/impactProjects.js';
import { loadMintedBlocks } from './steps/mintedBlocks.js';
import { loadRetirements } from './steps/retirements.js';
import { loadSinkContractCalls } from './steps/sinkContractCalls.js';
import { loadSinkingTxs } from './steps/sinkingTxs.js';
import { LOAD_TARGETS, STEP_NAMES, type LoadTarget, type StepContext, type StepCounts, type StepName, type SyncOptions } from './types.js';

const STEPS: Record<StepName, (ctx: StepContext) => Promise<number>> = {
  'impact-projects': loadImpactProjects,
  'distribution-txs': loadDistributionTxs,
  'sinking-txs': loadSinkingTxs,
  'sink-contract-calls': loadSinkContractCalls,
  retirements: loadRetirements,
  'minted-blocks': loadMintedBlocks,
  'retirement-from-block': loadRetirementFromBlock,
  'sink-statuses': loadSinkStatuses,
};

/** Which source each step reads, for error messages. */
const SOURCE_OF: Record<StepName, string> = {
  'impact-projects': 'built-in',
  'distribution-txs': 'Horizon',
  'sinking-txs': 'Horizon',
  'sink-contract-calls': 'Obsrvr Flow or Mercury Retroshades',
  retirements: 'Verra asset search',
  'minted-blocks': 'Horizon + Verra pool report',
  'retirement-from-block': 'database',
  'sink-statuses': 'database',
};

/**
 * Runs the given steps in order. Each step commits on its own, so a failure keeps what earlier steps loaded
 * and the next run resumes from the stored rows.
 */
async function runSteps(db: WriteDb, config: SourceConfig, steps: readonly StepName[], opts: SyncOptions): Promise<Partial<StepCounts>> {
  let current: StepName = steps[0] ?? 'impact-projects';
  // A wait keeps the step's last counts, so a progress bar does not jump back to zero while rate limited.
  let last = { done: 0, total: null as number | null };
  const http = new HttpClient({
    ...opts.http,
    signal: opts.signal ?? opts.http?.signal,
    onWait: (w) => {
      opts.http?.onWait?.(w);
      opts.onProgress?.({ step: current, ...last, state: 'waiting', message: w.message });
    },
  });
  const horizon = new HorizonClient(config.horizonUrl, http);
  const verra = new VerraClient(config.verraAssetSearchUrl, config.verraReportUrl, http);
  const counts: Partial<StepCounts> = {};
  // The WAL's checkpoints between the steps, not in their commits (stepCheckpoints.ts).
  const checkpoints = new StepCheckpoints(db);
  try {
    // Where this Horizon's history starts, before any step writes: a first run it cannot serve is refused whole.
    const streams = steps.filter(isHorizonStream);
    let floor = 0n;
    if (streams.length > 0) {
      if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The catch-up was cancelled before the history check');
      opts.onProgress?.({ step: streams[0] as StepName, done: 0, total: null, state: 'running', message: "checking where Horizon's history starts" });
      floor = historyFloor((await checkHorizonHistory(db, config, horizon, streams, opts.now ?? (() => new Date()))).elderLedger);
    }
    for (const step of steps) {
      current = step;
      last = { done: 0, total: null };
      if (opts.signal?.aborted) throw new AppError('CANCELLED', `The catch-up was cancelled before ${step}`);
      const ctx: StepContext = {
        db,
        config,
        horizon,
        verra,
        http,
        signal: opts.signal,
        historyFloor: floor,
        now: opts.now ?? (() => new Date()),
        progress: (done, total, message) => {
          last = { done, total };
          opts.onProgress?.({ step, done, total, state: 'running', ...(message ? { message } : {}) });
        },
      };
      opts.onProgress?.({ step, done: 0, total: null, state: 'running' });
      try {
        counts[step] = await STEPS[step](ctx);
      } catch (err) {
        if (err instanceof AppError) {
          if (err.code === 'CANCELLED' || err.message.startsWith(`${step}:`)) throw err;
          throw new AppError(err.code, `${step} (${SOURCE_OF[step]}): ${err.message}`);
        }
        throw new AppError('INTERNAL', `${step} (${SOURCE_OF[step]}): ${err instanceof Error ? err.message : String(err)}`);
      }
      opts.onProgress?.({ step, done: counts[step] ?? 0, total: counts[step] ?? 0, state: 'done' });
      checkpoints.afterStep(counts[step] ?? 0);
    }
  } catch (err) {
    checkpoints.finish({ afterFailure: true });
    throw err;
  }
  checkpoints.finish();
  return counts;
}

/** The full catch-up: every step of STEP_NAMES, in that order; returns how many rows each loaded. */
export async function catchUp(db: WriteDb, config: SourceConfig, opts: SyncOptions = {}): Promise<StepCounts> {
  return (await runSteps(db, config, STEP_NAMES, opts)) as StepCounts;
}

/** One loader (`load <target>`); 'associations' runs retirement-from-block then sink-statuses. */
export async function loadStep(db: WriteDb, config: SourceConfig, target: LoadTarget | StepName, opts: SyncOptions = {}): Promise<Partial<StepCounts>> {
  const steps: readonly StepName[] = target in LOAD_TARGETS ? LOAD_TARGETS[target as LoadTarget] : [target as StepName];
  if (!steps.every((s) => s in STEPS)) throw new AppError('BAD_INPUT', `Unknown load target ${JSON.stringify(target)}`);
  return runSteps(db, config, steps, opts);
}
