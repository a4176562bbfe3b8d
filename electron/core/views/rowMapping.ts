import type { RetiredFromBlockRow, RetirementRow, SinkStatusRow, VcsProjectRow } from '../../../shared/api/views.js';
import { CARBON_SCALE, formatDecimal } from '../domain/amount.js';

/**
 * The rows several views share (read with safeIntegers, so every INTEGER is a BigInt) → the JSON-safe API rows.
 * Counts and ids become numbers (they are small), TOIDs strings, minor units exact decimal strings.
 */
type Raw = Record<string, unknown>;

const int = (v: unknown): number => Number(v as bigint);
const str = (v: unknown): string => v as string;
const strOrNull = (v: unknown): string | null => (v === null ? null : (v as string));
const carbon = (v: unknown): string => formatDecimal(v as bigint, CARBON_SCALE);

export function sinkStatusRow(r: Raw): SinkStatusRow {
  return {
    sinking_tx_hash: str(r.sinking_tx_hash),
    certificate_id: int(r.certificate_id),
    amount_filled: carbon(r.amount_filled),
    finalized: int(r.finalized) === 1,
  };
}

export function retirementRow(r: Raw): RetirementRow {
  return {
    certificate_id: int(r.certificate_id),
    vcu_amount: int(r.vcu_amount),
    serial_number: str(r.serial_number),
    retirement_date: str(r.retirement_date),
    retirement_beneficiary: str(r.retirement_beneficiary),
    retirement_details: str(r.retirement_details),
    vcs_project_id: int(r.vcs_project_id),
    issuance_date: str(r.issuance_date),
    instrument_type: str(r.instrument_type),
    vintage_start: str(r.vintage_start),
    vintage_end: str(r.vintage_end),
    total_vintage_quantity: int(r.total_vintage_quantity),
  };
}

export function vcsProjectRow(r: Raw): VcsProjectRow {
  return {
    id: int(r.id),
    name: str(r.name),
    category: str(r.category),
    protocol: str(r.protocol),
    additional_certifications: strOrNull(r.additional_certifications),
    region: str(r.region),
    country: str(r.country),
  };
}

/** A retirement_from_block link joined with its block's serial range (a retirement's and a block's detail). */
export function retiredFromBlockRow(r: Raw): RetiredFromBlockRow {
  return {
    retirement_id: int(r.retirement_id),
    block_hash: str(r.block_hash),
    vcu_amount: int(r.vcu_amount),
    serial_number: str(r.serial_number),
    block_start: int(r.block_start),
    block_end: int(r.block_end),
  };
}
