import { z } from 'zod';
import { method } from '../contractKit.js';
import { accountId, hexHash, isoDate, isoDateOrTime, saleParty } from './fields.js';
import type { Page } from './page.js';
import type { SerialBacking } from './serials.js';

export type { Page } from './page.js';

/**
 * Read-only views of the audit data, with sc-audit's semantics (its rows, columns and filters).
 * Rows are keyed by sc-audit's column names. Amounts are exact decimal strings with their full scale
 * ("3.015", "2236.6785284"), TOIDs decimal strings, dates 'YYYY-MM-DD', datetimes 'YYYY-MM-DDTHH:MM:SS' UTC.
 */

// ---- params -------------------------------------------------------------------------------------------

const hash = hexHash;
/** Keyset cursors cross as decimal strings: TOIDs exceed 2^53. */
const toidCursor = z.string().regex(/^\d{1,19}$/, 'expected a decimal TOID');
export const DEFAULT_PAGE_SIZE = 100;

/** true: the row carries a review mark (reviewed or questioned); false: it carries none. */
const reviewed = z.boolean().optional();

/** A page's size: the default lives here, with the rest of each view's filter schema. */
const limit = z.number().int().min(1).max(1000).default(DEFAULT_PAGE_SIZE);
const order = z.enum(['asc', 'desc']).default('desc');

export const inventoryParams = z
  .object({
    omitEmpty: z.boolean().default(false),
    /** Reconstruct the inventory at the end of this day (UTC). */
    untilDate: isoDate.optional(),
    reviewed,
  })
  .strict();

export const sinkingTxsParams = z
  .object({
    funder: saleParty.optional(),
    recipient: saleParty.optional(),
    fromDate: isoDate.optional(),
    beforeDate: isoDate.optional(),
    /** true: has a finalized status; false: has none (exact negations). */
    finalized: z.boolean().optional(),
    contractCall: z.boolean().optional(),
    /** Case-insensitive text contained in the memo. */
    memo: z.string().min(1).max(64).optional(),
    /** Not finalized and created before this UTC time: the sales verify lists as past the grace period (its cutoff). */
    unfinalizedBefore: isoDateOrTime.optional(),
    reviewed,
    cursor: toidCursor.optional(),
    limit,
    order,
  })
  .strict();

export const retirementsParams = z
  .object({
    /** Prefix of retirement_beneficiary. */
    beneficiary: z.string().min(1).max(256).optional(),
    fromDate: isoDate.optional(),
    beforeDate: isoDate.optional(),
    project: z.number().int().positive().optional(),
    reviewed,
    /** certificate_id of the last row of the previous page. */
    cursor: z.number().int().nonnegative().optional(),
    limit,
    order,
  })
  .strict();

/** Distribution outflows are classic payments: both sides are accounts (G…). */
export const distributionTxsParams = z
  .object({
    recipient: accountId.optional(),
    fromDate: isoDate.optional(),
    beforeDate: isoDate.optional(),
    cursor: toidCursor.optional(),
    limit,
    order,
  })
  .strict();

export const statsParams = z.object({ recipient: saleParty.optional() }).strict();

export type InventoryParams = z.output<typeof inventoryParams>;
export type SinkingTxsParams = z.output<typeof sinkingTxsParams>;
export type RetirementsParams = z.output<typeof retirementsParams>;
export type DistributionTxsParams = z.output<typeof distributionTxsParams>;
export type StatsParams = z.output<typeof statsParams>;

// ---- results ------------------------------------------------------------------------------------------

export interface InventoryRow {
  serial_hash: string;
  size: number;
  /** Credits left in the block now, or at the end of untilDate when one was given. */
  credits_remaining: number;
  transaction_hash: string;
  created_at: string;
  serial_number: string;
  sub_account_id: number;
  sub_account_name: string;
  vintage_start: string;
  vintage_end: string;
  vcs_project_id: number;
  name: string;
  category: string;
}

export interface InventoryResult {
  /** null: the current inventory. */
  untilDate: string | null;
  rows: InventoryRow[];
}

export interface SinkStatusRow {
  sinking_tx_hash: string;
  certificate_id: number;
  amount_filled: string;
  finalized: boolean;
}

export interface SinkingTxRow {
  hash: string;
  created_at: string;
  contract_id: string | null;
  /** An account (G…) or a contract (C…). */
  funder: string;
  /** An account (G…) or a contract (C…). */
  recipient: string;
  carbon_amount: string;
  source_asset_code: string;
  source_asset_issuer: string | null;
  source_asset_amount: string;
  dest_asset_code: string;
  dest_asset_issuer: string;
  dest_asset_amount: string;
  vcs_project_id: number;
  memo_type: string;
  memo_value: string | null;
  toid: string;
  /** In certificate_id order. */
  statuses: SinkStatusRow[];
}

export interface RetirementRow {
  certificate_id: number;
  vcu_amount: number;
  serial_number: string;
  retirement_date: string;
  retirement_beneficiary: string;
  retirement_details: string;
  vcs_project_id: number;
  issuance_date: string;
  instrument_type: string;
  vintage_start: string;
  vintage_end: string;
  total_vintage_quantity: number;
}

export interface RetiredFromBlockRow {
  retirement_id: number;
  block_hash: string;
  vcu_amount: number;
  serial_number: string;
  block_start: number;
  block_end: number;
}

/** A retirement drawn from one block, for the block's detail. */
export interface BlockRetirementRow extends RetiredFromBlockRow {
  /** The retirement's own serial range (serial_number is the block's, as in a retirement's detail). */
  retirement_serial_number: string;
  retirement_date: string;
  retirement_beneficiary: string;
}

/** A minted block (its current inventory row) and the retirements drawn from it, oldest first. */
export interface BlockDetail {
  block: InventoryRow;
  retirements: BlockRetirementRow[];
}

export interface VcsProjectRow {
  id: number;
  name: string;
  category: string;
  protocol: string;
  additional_certifications: string | null;
  region: string;
  country: string;
}

export interface RetirementDetail extends RetirementRow {
  vcs_project: VcsProjectRow | null;
  retired_from: RetiredFromBlockRow[];
  sink_statuses: SinkStatusRow[];
}

export interface SinkingTxDetail extends SinkingTxRow {
  /** The retirements that filled this sale, in certificate_id order. */
  retirements: RetirementRow[];
  /** The serials backing its tonnes (issue 15's rule): per retirement, fill and block, in that order. */
  backing: SerialBacking[];
}

export interface DistributionTxRow {
  hash: string;
  created_at: string;
  sender: string;
  recipient: string;
  carbon_amount: string;
  toid: string;
}

export type RetirementPage = Page<RetirementRow, number>;

export interface CarbonStats {
  carbon_sunk: string;
  carbon_retired: string;
  carbon_pending: string;
  /** Σ minted block sizes; null when filtered by recipient (as sc-audit, which omits it). */
  carbon_stored: number | null;
}

export interface YoyRow {
  year: number;
  mau: number;
  yoy_mau: number | null;
  num_tx: number;
  yoy_num_tx: number | null;
  /** USD, 2 decimals (sales paid in CARBON valued at the interpolated USDC price). */
  volume_usd: string;
  yoy_volume_usd: number | null;
  carbon_sunk: string;
  yoy_carbon_sunk: number | null;
}

/** How old the open sales are, and how long finalized sales waited for their retirements (the Overview's chart). */
export interface SaleAgeing {
  /** UTC 'YYYY-MM-DDTHH:MM:SS' the ages are counted to. */
  asOf: string;
  /** Open (not finalized) sales by age in days: 0–30, 31–90, 91–365, over 365. */
  open: { label: string; count: number }[];
  /** Finalized sales, and the days from sale to the latest retirement covering each: median and longest. */
  finalized: number;
  medianLagDays: number | null;
  longestLagDays: number | null;
}

export const viewMethods = {
  'views.inventory': method<InventoryResult>()(inventoryParams),
  'views.sinkingTxs': method<Page<SinkingTxRow>>()(sinkingTxsParams),
  'views.sinkingTx': method<SinkingTxDetail>()(z.object({ hash }).strict()),
  'views.retirements': method<RetirementPage>()(retirementsParams),
  'views.retirement': method<RetirementDetail>()(z.object({ certificateId: z.number().int().nonnegative() }).strict()),
  'views.distributionTxs': method<Page<DistributionTxRow>>()(distributionTxsParams),
  'views.block': method<BlockDetail>()(z.object({ serialHash: hash }).strict()),
  'views.stats': method<CarbonStats>()(statsParams),
  'views.analytics': method<YoyRow[]>()(z.object({}).strict()),
  'views.saleAgeing': method<SaleAgeing>()(z.object({}).strict()),
};
