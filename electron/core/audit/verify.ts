import { DEFAULT_GRACE_DAYS, graceDaysFor } from '../settings/effective.js';
import type { ChainHead, CheckResult, VerifyReport } from '../../../shared/api/audit.js';
import type { ReadDb } from '../db/types.js';
import type { Engine } from '../engine.js';
import { chainHead } from './queries.js';
import { checkContractCalls, checkHistoryGaps, checkProvenance } from './verifyFirstRun.js';
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

/** Runs every check on a database; no writes. */
export function verifyDatabase(db: ReadDb, opts: VerifyOptions = {}): { ok: boolean; head: ChainHead | null; checks: CheckResult[]; graceDays: number } {
  const graceDays = opts.graceDays ?? DEFAULT_GRACE_DAYS;
  const checks = [
    checkChain(db),
    checkTriggers(db),
    checkReplay(db),
    checkAttribution(db),
    checkRetirementsCovered(db),
    checkBlocksNotOverspent(db),
    checkSerialHashes(db),
    checkSinkFills(db),
    checkFinalized(db),
    checkRetirementTxs(db),
    checkStatsIdentity(db),
    checkGracePeriod(db, graceDays, opts.now ?? new Date()),
    checkProvenance(db),
    checkHistoryGaps(db),
    checkContractCalls(db),
  ];
  return { ok: checks.every((c) => c.status !== 'fail'), head: chainHead(db), checks, graceDays };
}

/** `verify` as a recorded operation. */
export async function runVerify(engine: Engine, opts: VerifyOptions & { note?: string; via?: string } = {}): Promise<VerifyReport> {
  // Without an explicit value, the grace period in effect (env > stored setting > 90 days) applies.
  const graceDays = opts.graceDays ?? graceDaysFor(engine.reader());
  return engine.runOperation({ kind: 'verify', params: { graceDays }, note: opts.note, via: opts.via, writes: false }, (op) => {
    const db: ReadDb = engine.reader();
    const r = verifyDatabase(db, { ...opts, graceDays });
    op.setResult({
      ok: r.ok,
      failed: r.checks.filter((c) => c.status === 'fail').map((c) => ({ check: c.id, count: c.count })),
      findings: r.checks.filter((c) => c.status === 'findings').map((c) => ({ check: c.id, count: c.count })),
      head: r.head,
    });
    return { ...r, checkedAt: new Date().toISOString(), operationId: op.id };
  });
}
