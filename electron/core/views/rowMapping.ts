import type {
  DistributionTxRow,
  RetirementRow,
  SinkStatusRow,
  SinkingTxRow,
  VcsProjectRow,
} from '../../../shared/api/views.js';
import { ASSET_SCALE, CARBON_SCALE, formatDecimal } from '../domain/amount.js';

/**
 * SQLite rows (read with safeIntegers, so every INTEGER is a BigInt) → the JSON-safe API rows.
 * Counts and ids become numbers (they are small), TOIDs strings, minor units exact decimal strings.
 */
type Raw = Record<string, unknown>;

const int = (v: unknown): number => Number(v as bigint);
const str = (v: unknown): string => v as string;
const strOrNull = (v: unknown): string | null => (v === null ? null : (v as string));
const carbon = (v: unknown): string => formatDecimal(v as bigint, CARBON_SCALE);
const asset = (v: unknown): string => formatDecimal(v as bigint, ASSET_SCALE);

export const SINKING_TX_COLUMNS =
  'hash, created_at, contract_id, funder, recipient, carbon_amount, source_asset_code, source_asset_issuer, ' +
  'source_asset_amount, dest_asset_code, dest_asset_issuer, dest_asset_amount, vcs_project_id, memo_type, memo_value, toid';

export function sinkingTxRow(r: Raw, statuses: SinkStatusRow[]): SinkingTxRow {
  return {
    hash: str(r.hash),
    created_at: str(r.created_at),
    contract_id: strOrNull(r.contract_id),
    funder: str(r.funder),
    recipient: str(r.recipient),
    carbon_amount: carbon(r.carbon_amount),
    source_asset_code: str(r.source_asset_code),
    source_asset_issuer: strOrNull(r.source_asset_issuer),
    source_asset_amount: asset(r.source_asset_amount),
    dest_asset_code: str(r.dest_asset_code),
    dest_asset_issuer: str(r.dest_asset_issuer),
    dest_asset_amount: asset(r.dest_asset_amount),
    vcs_project_id: int(r.vcs_project_id),
    memo_type: str(r.memo_type),
    memo_value: strOrNull(r.memo_value),
    toid: String(r.toid as bigint),
    statuses,
  };
}

export function sinkStatusRow(r: Raw): SinkStatusRow {
  return {
    sinking_tx_hash: str(r.sinking_tx_hash),
    certificate_id: int(r.certificate_id),
    amount_filled: carbon(r.amount_filled),
    finalized: int(r.finalized) === 1,
  };
}

export const RETIREMENT_COLUMNS =
  'certificate_id, vcu_amount, serial_number, retirement_date, retirement_beneficiary, retirement_details, ' +
  'vcs_project_id, issuance_date, instrument_type, vintage_start, vintage_end, total_vintage_quantity';

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

export function distributionTxRow(r: Raw): DistributionTxRow {
  return {
    hash: str(r.hash),
    created_at: str(r.created_at),
    sender: str(r.sender),
    recipient: str(r.recipient),
    carbon_amount: carbon(r.carbon_amount),
    toid: String(r.toid as bigint),
  };
}
