import type { CheckResult, CheckStatus, Offender } from '../../../shared/api/audit.js';
import { AppError } from '../../../shared/errors.js';
import { contractCallSource } from '../config.js';
import type { ReadDb } from '../db/types.js';
import { sourceConfigFor } from '../settings/effective.js';
import { listHistoryGaps } from '../sync/historyBounds.js';
import { provenanceRows } from './provenance/results.js';

/** Offenders kept per check (the count is always complete); the same limit as verify's other checks. */
const MAX_OFFENDERS = 200;

function result(id: string, title: string, status: CheckStatus, all: Offender[], headline?: string): CheckResult {
  const r: CheckResult = { id, title, status, count: all.length, offenders: all.slice(0, MAX_OFFENDERS) };
  if (status !== 'pass' && headline) r.headline = headline;
  return r;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * 13. Provenance: every row taken from a bootstrap or restore, as re-derived from Horizon and Verra (the verdicts
 * `provenance.check` stored). A difference fails; rows the sources can no longer show, or not yet checked, are
 * listed as findings and never fail.
 */
export function checkProvenance(db: ReadDb): CheckResult {
  const rows = provenanceRows(db, {});
  const title = 'Rows taken from the published data agree with Horizon and Verra';
  const differs = rows.filter((r) => r.status === 'differs');
  const open = rows.filter((r) => r.status === 'unconfirmable' || r.status === 'unchecked');
  const offenders: Offender[] = [
    ...differs.map((r) => ({ table: r.table, key: r.key, message: `${r.table} ${r.key} differs from ${r.source}: ${r.detail ?? ''}` })),
    ...open.map((r) => ({
      table: r.table,
      key: r.key,
      message: r.status === 'unchecked' ? `${r.table} ${r.key} is not checked yet (run verify with the sources reachable)` : `${r.table} ${r.key} is unconfirmable: ${r.detail ?? ''}`,
    })),
  ];
  const unchecked = open.filter((r) => r.status === 'unchecked').length;
  const headline = [
    differs.length && `${plural(differs.length, 'bootstrapped row differs', 'bootstrapped rows differ')} from the sources`,
    unchecked && `${plural(unchecked, 'bootstrapped row', 'bootstrapped rows')} not confirmed by the sources yet`,
    open.length - unchecked && `${plural(open.length - unchecked, 'bootstrapped row', 'bootstrapped rows')} the sources can no longer confirm`,
  ].filter(Boolean).join('; ');
  return result('provenance', title, differs.length > 0 ? 'fail' : open.length > 0 ? 'findings' : 'pass', offenders, headline);
}

/** 14. History gaps: Horizon streams with ledgers the configured Horizon no longer holds (findings). */
export function checkHistoryGaps(db: ReadDb): CheckResult {
  const offenders = listHistoryGaps(db).map((g) => ({
    table: g.stream.replace('-', '_'),
    key: `${g.fromLedger}-${g.toLedger}`,
    message:
      `${g.stream}: ledgers ${g.fromLedger}–${g.toLedger} (${g.fromDate ?? '?'} to ${g.toDate ?? '?'}) are not held by ${g.horizonUrl}; ` +
      `records in them would be invisible to it (noticed ${g.noticedAt})`,
  }));
  const headline = `${plural(offenders.length, 'history gap', 'history gaps')}: ledgers the configured Horizon no longer holds`;
  return result('history-gaps', "Every Horizon stream was read within the Horizon's history", offenders.length ? 'findings' : 'pass', offenders, headline);
}

/** Why contract-call sales are not loaded, or null when an indexer is set. */
export function contractCallsNotLoaded(db: ReadDb): string | null {
  try {
    if (contractCallSource(sourceConfigFor(db)) !== null) return null;
    return 'contract-call sales are not being loaded: neither SC_OBSRVR_FLOW_DB_URI nor SC_MERCURY_KEY is set';
  } catch (err) {
    return err instanceof AppError ? `contract-call sales are not being loaded: ${err.message}` : String(err);
  }
}

/** 15. Contract-call sales are loaded from an indexer; without one, carbon sunk and pending read too low (a finding). */
export function checkContractCalls(db: ReadDb): CheckResult {
  const why = contractCallsNotLoaded(db);
  const offenders = why ? [{ table: 'sinking_txs', key: null, message: `${why}: sales made through the Soroban contract are missing from every figure` }] : [];
  return result('contract-calls', 'Contract-call sales are being loaded (Obsrvr Flow or Mercury)', why ? 'findings' : 'pass', offenders, why ?? undefined);
}
