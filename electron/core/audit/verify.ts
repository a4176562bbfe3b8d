import { DEFAULT_GRACE_DAYS, graceDaysFor } from '../settings/effective.js';
import type { ChainHead, CheckResult, VerifyProgress, VerifyReport } from '../../../shared/api/audit.js';
import type { ReadDb } from '../db/types.js';
import type { Engine } from '../engine.js';
import { runInWorker, workerEntry, WorkerStartError } from '../workers/inWorker.js';
import { chainHead } from './queries.js';
import { checkContractCalls, checkHistoryGaps, checkProvenance } from './verifyFirstRun.js';
import { checkDriftChain, checkRegistryDrift } from './verifyDrift.js';
import { checkReviewMarks } from './verifyMarks.js';
import {
  checkBlocksNotOverspent,
  checkFinalized,
  checkGracePeriod,
  checkRetirementsCovered,
  checkRetirementTxs,
  checkSerialHashes,
  checkSinkFills,
  checkStatsIdentity,
} from './verifyReconciliation.js';
import { storeVerifyRun } from './verifyRuns.js';
import { checkSerialAccounting } from './verifySerials.js';
import { checkAttribution, checkChain, checkReplay, checkTriggers } from './verifyTrail.js';

/**
 * `verify`: the auditor's checks. Each check passes or fails with the offending records; the grace-period
 * check only lists findings (a late retirement is for the auditor to judge, not a broken database).
 * Amounts are exact integers: carbon in kg (tonnes × 1000), VCUs whole (1 VCU = 1 t = 1000 kg).
 */
export { DEFAULT_GRACE_DAYS };
export { MAX_OFFENDERS } from './verifyCheck.js';

export interface VerifyOptions {
  graceDays?: number;
  now?: Date;
}

export interface DatabaseVerdict {
  ok: boolean;
  head: ChainHead | null;
  checks: CheckResult[];
  graceDays: number;
}

/** Runs every check on a database, telling `onProgress` before each; no writes. */
export function verifyDatabase(db: ReadDb, opts: VerifyOptions & { onProgress?: (p: VerifyProgress) => void } = {}): DatabaseVerdict {
  const graceDays = opts.graceDays ?? DEFAULT_GRACE_DAYS;
  const now = opts.now ?? new Date();
  let drift: ReturnType<typeof checkRegistryDrift> | undefined;
  const steps: [string, () => CheckResult][] = [
    ['chain', () => checkChain(db)],
    ['triggers', () => checkTriggers(db)],
    ['replay', () => checkReplay(db)],
    ['attribution', () => checkAttribution(db)],
    ['retirements-covered', () => checkRetirementsCovered(db)],
    ['blocks-not-overspent', () => checkBlocksNotOverspent(db)],
    ['serial-hashes', () => checkSerialHashes(db)],
    ['sink-fills', () => checkSinkFills(db)],
    ['finalized', () => checkFinalized(db)],
    ['retirement-txs', () => checkRetirementTxs(db)],
    ['stats-identity', () => checkStatsIdentity(db)],
    ['serial-accounting', () => checkSerialAccounting(db)],
    ['grace-period', () => checkGracePeriod(db, graceDays, now)],
    ['provenance', () => checkProvenance(db)],
    ['history-gaps', () => checkHistoryGaps(db)],
    ['contract-calls', () => checkContractCalls(db)],
    ['review-marks', () => checkReviewMarks(db)],
    ['drift-chain', () => checkDriftChain(db)],
    ['registry-drift', () => (drift ??= checkRegistryDrift(db)).failures],
    ['registry-edits', () => (drift ??= checkRegistryDrift(db)).findings],
  ];
  const checks = steps.map(([check, run], done) => {
    opts.onProgress?.({ done, total: steps.length, check });
    return run();
  });
  opts.onProgress?.({ done: steps.length, total: steps.length, check: 'done' });
  return { ok: checks.every((c) => c.status !== 'fail'), head: chainHead(db), checks, graceDays };
}

/** What crosses to the verify worker (verifyWorker.ts). */
export interface VerifyWorkerData {
  dbPath: string;
  graceDays: number;
  now: string;
}

/** The checks in a worker thread (its own read connection), so the app answers other calls meanwhile; in-thread for `:memory:`. */
async function checkOffThread(engine: Engine, data: VerifyWorkerData, opts: { signal?: AbortSignal; onProgress?: (p: VerifyProgress) => void }): Promise<DatabaseVerdict> {
  const inThread = () => verifyDatabase(engine.reader(), { graceDays: data.graceDays, now: new Date(data.now), onProgress: opts.onProgress });
  const entry = engine.dbPath === ':memory:' ? null : workerEntry(__dirname, 'verifyWorker');
  if (!entry) return inThread();
  return runInWorker<VerifyProgress, DatabaseVerdict>(entry, data, { what: 'verify', readOnly: true, ...opts }).catch((err: unknown) => {
    if (err instanceof WorkerStartError) return inThread();
    throw err;
  });
}

export type RunVerifyOptions = VerifyOptions & { note?: string; via?: string; actor?: string; command?: string[] | null; signal?: AbortSignal; onProgress?: (p: VerifyProgress) => void };

/** `verify` as a recorded operation; its whole report is stored (verify_runs) for the Overview. */
export async function runVerify(engine: Engine, opts: RunVerifyOptions = {}): Promise<VerifyReport> {
  // Without an explicit value, the grace period in effect (env > stored setting > 90 days) applies.
  const graceDays = opts.graceDays ?? graceDaysFor(engine.reader());
  return engine.runOperation({ kind: 'verify', params: { graceDays }, note: opts.note, via: opts.via, actor: opts.actor, command: opts.command, writes: false, signal: opts.signal }, async (op) => {
    const now = (opts.now ?? new Date()).toISOString();
    const r = await checkOffThread(engine, { dbPath: engine.dbPath, graceDays, now }, opts);
    op.setResult({
      ok: r.ok,
      failed: r.checks.filter((c) => c.status === 'fail').map((c) => ({ check: c.id, count: c.count })),
      findings: r.checks.filter((c) => c.status === 'findings').map((c) => ({ check: c.id, count: c.count })),
      head: r.head,
    });
    const report: VerifyReport = { ...r, checkedAt: new Date().toISOString(), operationId: op.id };
    storeVerifyRun(engine.writer(), report);
    // The Overview reads the stored verdict: tell it a new one is there.
    engine.events.emit('data.changed', { tables: ['verify_runs'] });
    return report;
  });
}
