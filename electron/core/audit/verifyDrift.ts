import type { CheckResult } from '../../../shared/api/audit.js';
import type { ReadDb } from '../db/types.js';
import { driftEntryHash, latestDrift, RECORD_FIELD, type DriftEntry } from './driftLog.js';
import { GENESIS_HASH } from './chain.js';
import { Check } from './verifyCheck.js';

/**
 * verify's checks of registry drift (issue 15): the drift log's own hash chain; a retirement that covers a sale
 * and was removed or reassigned at the registry since it was stored (fails); every other difference (findings).
 * The latest entry of each field counts: a field back to its first value ('restored') is no longer reported.
 */

/** The drift log's hash chain, recomputed from the genesis: names each altered entry and each gap. */
export function checkDriftChain(db: ReadDb): CheckResult {
  const c = new Check('drift-chain', 'Registry drift log is intact (hash chain)');
  let prev = GENESIS_HASH;
  let expected = 1;
  for (const e of db.prepare('SELECT * FROM registry_drift ORDER BY seq').iterate() as IterableIterator<DriftEntry>) {
    if (e.seq !== expected) c.add('registry_drift', `seq ${e.seq}`, `entries seq ${expected}–${e.seq - 1} are missing (deleted): the drift log jumps from ${expected - 1} to ${e.seq}`);
    const { hash, ...fields } = e;
    if (driftEntryHash(prev, fields) !== hash) {
      c.add('registry_drift', `seq ${e.seq}`, `hash mismatch at registry_drift seq ${e.seq} (${e.source} ${e.subject}, ${e.field}): this entry or the one before it was altered`);
    }
    prev = hash;
    expected = e.seq + 1;
  }
  return c.result();
}

const shown = (v: string | null) => (v === null ? '(none)' : JSON.stringify(v));

function describe(e: DriftEntry): string {
  if (e.field === RECORD_FIELD) return `no longer listed by the registry (noticed ${e.noticed_at})`;
  return `${e.field} ${e.kind}: first seen ${shown(e.first_value)}, now ${shown(e.current_value)} (noticed ${e.noticed_at})`;
}

/** The sales a retirement's entry un-covers: all it covers, or for new details those the details no longer name. */
function uncovered(e: DriftEntry, sales: string[]): string[] {
  if (e.field === RECORD_FIELD || e.kind === 'reassigned') {
    if (e.field !== 'retirement_details') return sales;
    const named = new Set((e.current_value ?? '').trim().split(/\s+/));
    return sales.filter((h) => !named.has(h));
  }
  return [];
}

/** Removed or reassigned retirements that cover sales fail; every other open difference is a finding. */
export function checkRegistryDrift(db: ReadDb): { failures: CheckResult; findings: CheckResult } {
  const fail = new Check('registry-drift', 'No retirement covering a sale was removed or reassigned at the registry');
  const edits = new Check('registry-edits', 'Registry records unchanged since they were stored', 'findings');
  const coverage = db.prepare('SELECT sinking_tx_hash AS h FROM sink_status WHERE certificate_id = ? ORDER BY sinking_tx_hash');
  for (const e of latestDrift(db)) {
    if (e.kind === 'restored') continue;
    if (e.source === 'pool_batch') {
      edits.add('registry_drift', e.subject, `pool batch ${e.subject}: ${describe(e)}`);
      continue;
    }
    const sales = (coverage.all(Number(e.subject)) as { h: string }[]).map((r) => r.h);
    const lost = uncovered(e, sales);
    if (lost.length > 0) {
      fail.add('retirements', e.subject, `certificate ${e.subject}: ${describe(e)}; it covers ${lost.length === 1 ? 'sale' : 'sales'} ${lost.join(', ')}`);
    } else {
      edits.add('retirements', e.subject, `certificate ${e.subject}: ${describe(e)}${sales.length ? `; the sales it covers (${sales.join(', ')}) stay covered` : ''}`);
    }
  }
  return { failures: fail.result(), findings: edits.result() };
}
