import type { DistributionTxRow, InventoryRow, RetirementRow, SinkingTxRow } from '../../../shared/api/views.js';

/**
 * The fields of each view's rows in output order (sc-audit's column order), shared by the CLI's table/CSV/JSON
 * output and the app's exports so both always print the same columns.
 */
export const INVENTORY_FIELDS = [
  'serial_hash',
  'size',
  'credits_remaining',
  'transaction_hash',
  'created_at',
  'serial_number',
  'sub_account_id',
  'sub_account_name',
  'vintage_start',
  'vintage_end',
  'vcs_project_id',
  'name',
  'category',
] as const satisfies readonly (keyof InventoryRow)[];

export const SINKING_TX_FIELDS = [
  'hash',
  'created_at',
  'contract_id',
  'funder',
  'recipient',
  'carbon_amount',
  'source_asset_code',
  'source_asset_issuer',
  'source_asset_amount',
  'dest_asset_code',
  'dest_asset_issuer',
  'dest_asset_amount',
  'vcs_project_id',
  'memo_type',
  'memo_value',
  'toid',
  'statuses',
] as const satisfies readonly (keyof SinkingTxRow)[];

export const RETIREMENT_FIELDS = [
  'certificate_id',
  'vcu_amount',
  'serial_number',
  'retirement_date',
  'retirement_beneficiary',
  'retirement_details',
  'vcs_project_id',
  'issuance_date',
  'instrument_type',
  'vintage_start',
  'vintage_end',
  'total_vintage_quantity',
] as const satisfies readonly (keyof RetirementRow)[];

export const DISTRIBUTION_FIELDS = ['hash', 'created_at', 'sender', 'recipient', 'carbon_amount', 'toid'] as const satisfies readonly (keyof DistributionTxRow)[];
