import type { RetirementRow } from '../../../shared/api/views.js';
import { LISTED, RECORD_FIELD, type DriftObservation } from '../audit/driftLog.js';
import { parseSerialNumber } from '../domain/serialNumber.js';
import type { PoolBatch } from '../sources/poolReport.js';
import type { VerraRetirementItem } from '../sources/verra.js';
import { RETIREMENT_COLUMNS_FROM_VERRA } from './retirementRows.js';

/**
 * Registry drift: the registry's records now against the rows as first stored (which stay as they are). Pure:
 * the steps hand in what they read and what is stored, and record what comes back (audit/driftLog.ts).
 */
export interface DriftComparison {
  observations: DriftObservation[];
  /** The subjects compared (each stored certificate; each block still expected whole in the pool). */
  compared: Set<string>;
}

/** The columns whose change re-points a retirement: another serial, quantity, beneficiary or sale list. */
export const REASSIGNING_COLUMNS: ReadonlySet<string> = new Set(['serial_number', 'vcu_amount', 'retirement_beneficiary', 'retirement_details']);

const asText = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

/** A field as the loader would store it; a value it could not store is compared as the registry wrote it. */
function registryValue(item: VerraRetirementItem, column: keyof typeof RETIREMENT_COLUMNS_FROM_VERRA): string | null {
  const [field, read] = RETIREMENT_COLUMNS_FROM_VERRA[column];
  try {
    return String(read(item[field], field));
  } catch {
    return asText(item[field]);
  }
}

/** Every stored retirement against the registry's full list of Stellarcarbon retirements. */
export function retirementDrift(stored: readonly RetirementRow[], registry: readonly VerraRetirementItem[]): DriftComparison {
  const byId = new Map(registry.map((item) => [registryValue(item, 'certificate_id'), item]));
  const observations: DriftObservation[] = [];
  const compared = new Set<string>();
  for (const row of stored) {
    const subject = String(row.certificate_id);
    compared.add(subject);
    const item = byId.get(subject);
    if (!item) {
      observations.push({ source: 'retirement', subject, field: RECORD_FIELD, kind: 'removed', firstValue: LISTED, currentValue: null });
      continue;
    }
    for (const column of Object.keys(RETIREMENT_COLUMNS_FROM_VERRA) as (keyof typeof RETIREMENT_COLUMNS_FROM_VERRA)[]) {
      const first = String(row[column]);
      const now = registryValue(item, column);
      if (now === first) continue;
      observations.push({ source: 'retirement', subject, field: column, kind: REASSIGNING_COLUMNS.has(column) ? 'reassigned' : 'edited', firstValue: first, currentValue: now });
    }
  }
  return { observations, compared };
}

/** A stored block, as the pool report compares with it. */
export interface StoredBlock {
  serial_number: string;
  block_start: number;
  block_end: number;
  vcs_project_id: number;
  sub_account_id: number;
  sub_account_name: string;
  vintage_start: string;
  vintage_end: string;
  /** Whether a retirement is linked to it (retirement_from_block). */
  linked: boolean;
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * Blocks that no retirement touches must still be whole in the carbon pool, listed under their own serial (a
 * retired part makes the report list the rest under a new serial, which is expected and not compared). Such a
 * block missing from the report is 'removed'; a batch of its serial with another quantity, vintage, project or
 * sub-account is 'edited'.
 */
export function poolDrift(blocks: readonly StoredBlock[], pool: readonly PoolBatch[], retiredSerials: readonly string[]): DriftComparison {
  const bySerial = new Map(pool.filter((b) => typeof b.serial_number === 'string').map((b) => [b.serial_number as string, b]));
  const retired = retiredSerials.map((s) => parseSerialNumber(s));
  const observations: DriftObservation[] = [];
  const compared = new Set<string>();
  for (const b of blocks) {
    const touched = b.linked || retired.some((r) => r.projectId === b.vcs_project_id && r.blockStart <= b.block_end && r.blockEnd >= b.block_start);
    if (touched) continue;
    const subject = b.serial_number;
    compared.add(subject);
    const batch = bySerial.get(subject);
    if (!batch) {
      observations.push({ source: 'pool_batch', subject, field: RECORD_FIELD, kind: 'removed', firstValue: LISTED, currentValue: null });
      continue;
    }
    const expected: Record<string, string> = {
      quantity_of_credits: String(b.block_end - b.block_start + 1),
      vintage: `${dmy(b.vintage_start)}-${dmy(b.vintage_end)}`,
      project_id: String(b.vcs_project_id),
      sub_account_id: String(b.sub_account_id),
      sub_account_name: b.sub_account_name,
    };
    for (const [field, first] of Object.entries(expected)) {
      const now = asText(batch[field]);
      if (now !== first) observations.push({ source: 'pool_batch', subject, field, kind: 'edited', firstValue: first, currentValue: now });
    }
  }
  return { observations, compared };
}
