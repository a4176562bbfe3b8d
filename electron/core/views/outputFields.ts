import type { ChangeKind, ChangeRow } from '../../../shared/api/audit.js';
import type { DriftRow } from '../../../shared/api/drift.js';
import type { DistributionTxRow, InventoryRow, RetirementRow, SinkStatusRow, SinkingTxRow } from '../../../shared/api/views.js';
import { ASSET_SCALE, CARBON_SCALE } from '../domain/amount.js';
import { amount, bool, type Field, from, int, type OutputField, outputFields, packedRows, type RowSpec, text, textOrNull, toid } from './rowCodec.js';

/**
 * Each view's rows: the fields in output order (sc-audit's column order) and how each is read from the view's
 * query. The pages' row mappers, the app's exports and the CLI's table/CSV/JSON output all derive from these
 * specs, so they always print the same columns with the same values.
 */
const carbon = amount(CARBON_SCALE);
const asset = amount(ASSET_SCALE);

export const SINK_STATUS_SPEC = {
  sinking_tx_hash: text,
  certificate_id: int,
  amount_filled: carbon,
  finalized: bool,
} as const satisfies RowSpec<SinkStatusRow>;

/** The order sinkingTxsQuery packs a sale's statuses in (its statuses_json column). */
export const PACKED_STATUS_COLUMNS = ['sinking_tx_hash', 'certificate_id', 'amount_filled', 'finalized'] as const;

export const INVENTORY_SPEC = {
  serial_hash: text,
  size: int,
  credits_remaining: int,
  transaction_hash: text,
  created_at: text,
  serial_number: text,
  sub_account_id: int,
  sub_account_name: text,
  vintage_start: text,
  vintage_end: text,
  vcs_project_id: int,
  name: text,
  category: text,
} as const satisfies RowSpec<InventoryRow>;

export const SINKING_TX_SPEC = {
  hash: text,
  created_at: text,
  contract_id: textOrNull,
  funder: text,
  recipient: text,
  carbon_amount: carbon,
  source_asset_code: text,
  source_asset_issuer: textOrNull,
  source_asset_amount: asset,
  dest_asset_code: text,
  dest_asset_issuer: text,
  dest_asset_amount: asset,
  vcs_project_id: int,
  memo_type: text,
  memo_value: textOrNull,
  toid,
  statuses: from('statuses_json', packedRows<SinkStatusRow>(SINK_STATUS_SPEC, PACKED_STATUS_COLUMNS)),
} as const satisfies RowSpec<SinkingTxRow>;

export const RETIREMENT_SPEC = {
  certificate_id: int,
  vcu_amount: int,
  serial_number: text,
  retirement_date: text,
  retirement_beneficiary: text,
  retirement_details: text,
  vcs_project_id: int,
  issuance_date: text,
  instrument_type: text,
  vintage_start: text,
  vintage_end: text,
  total_vintage_quantity: int,
} as const satisfies RowSpec<RetirementRow>;

export const DISTRIBUTION_SPEC = {
  hash: text,
  created_at: text,
  sender: text,
  recipient: text,
  carbon_amount: carbon,
  toid,
} as const satisfies RowSpec<DistributionTxRow>;

/** The Drift view (views/drift.ts): the registry drift log, one entry per difference noticed. */
export const DRIFT_SPEC = {
  seq: int,
  noticed_at: text,
  source: text as Field<DriftRow['source']>,
  subject: text,
  field: text,
  kind: text as Field<DriftRow['kind']>,
  first_value: textOrNull,
  current_value: textOrNull,
  covered_sales: textOrNull,
  operation_id: textOrNull,
  hash: text,
} as const satisfies RowSpec<DriftRow>;

/** The change log's rows as its API shows them, and as its export writes them (export/viewSources.ts); its queries are audit/queries.ts. */
export const CHANGE_SPEC = {
  seq: int,
  operationId: from('operation_id', textOrNull),
  table: from('table_name', text),
  key: from('record_key', text),
  kind: text as Field<ChangeKind>,
  before: from('before_json', textOrNull),
  after: from('after_json', textOrNull),
  changedAt: from('changed_at', text),
  hash: text,
} as const satisfies RowSpec<ChangeRow>;

/** The specs an export's worker thread can rebuild a source's fields from (export/splitExport.ts): by view. */
export const VIEW_SPECS = {
  inventory: INVENTORY_SPEC,
  sinkingTxs: SINKING_TX_SPEC,
  retirements: RETIREMENT_SPEC,
  distributionTxs: DISTRIBUTION_SPEC,
  changes: CHANGE_SPEC,
  drift: DRIFT_SPEC,
} as const;

export type SpecView = keyof typeof VIEW_SPECS;

/** A spec'd view's output fields, with columns renamed ([from, to], in order). */
export function viewFields(view: SpecView, renames: readonly (readonly [string, string])[] = []): OutputField[] {
  return outputFields(VIEW_SPECS[view] as RowSpec<Record<string, unknown>>).map((f) => ({ ...f, name: renames.reduce((n, [a, b]) => (n === a ? b : n), f.name) }));
}

const names = <R>(spec: RowSpec<R>) => outputFields(spec).map((f) => f.name as keyof R & string);

export const INVENTORY_FIELDS = names<InventoryRow>(INVENTORY_SPEC);
export const SINKING_TX_FIELDS = names<SinkingTxRow>(SINKING_TX_SPEC);
export const RETIREMENT_FIELDS = names<RetirementRow>(RETIREMENT_SPEC);
export const DISTRIBUTION_FIELDS = names<DistributionTxRow>(DISTRIBUTION_SPEC);
