import { AppError } from '../../../shared/errors.js';
import type { SourceConfig } from '../config.js';
import { ASSET_SCALE, CARBON_SCALE, parseDecimal } from '../domain/amount.js';
import { toUtcDateTime } from '../domain/dates.js';
import { hashMemoToHex } from '../domain/memo.js';
import { parseToid } from '../domain/toid.js';
import type { HorizonTransaction, OperationRecord, PaymentRecord } from '../sources/horizon.js';

/** The one impact project sc-audit knows; every Horizon sink and mint belongs to it. */
export const VCS_PROJECT_ID = 1360;

export interface SinkingTxRow {
  hash: string;
  created_at: string;
  /** null for a classic sale; the Soroban contract for a contract-call sale. */
  contract_id: string | null;
  funder: string;
  recipient: string;
  carbon_amount: bigint;
  source_asset_code: string;
  source_asset_issuer: string | null;
  source_asset_amount: bigint;
  dest_asset_code: string;
  dest_asset_issuer: string;
  dest_asset_amount: bigint;
  vcs_project_id: number;
  memo_type: 'text' | 'hash' | 'none';
  memo_value: string | null;
  toid: bigint;
}

export interface DistributionTxRow {
  hash: string;
  created_at: string;
  sender: string;
  recipient: string;
  carbon_amount: bigint;
  toid: bigint;
}

/** A CarbonSINK receipt paid out by the sink issuer (the issuer is not checked, as in sc-audit). */
export function isSinkPayment(r: PaymentRecord, cfg: SourceConfig): boolean {
  return r.type_i === 1 && r.from === cfg.sinkIssuer && r.asset_code === 'CarbonSINK';
}

/** CARBON leaving the distributor (its list also holds the incoming mints). */
export function isDistributionOutflow(r: PaymentRecord, cfg: SourceConfig): boolean {
  return r.type_i === 1 && r.from === cfg.carbonDistributor && r.asset_code === 'CARBON' && r.asset_issuer === cfg.carbonIssuer;
}

/** A mint: CARBON from its issuer to the distributor (type not checked, as in sc-audit). */
export function isMintPayment(r: PaymentRecord, cfg: SourceConfig): boolean {
  return r.from === cfg.carbonIssuer && r.to === cfg.carbonDistributor && r.asset_code === 'CARBON';
}

/** Horizon writes 7 decimals; carbon is kept to the kilogram and refuses non-zero digits beyond that. */
export function carbonKg(amount: string | undefined, label: string): bigint {
  return parseDecimal(required(amount, label), CARBON_SCALE, label);
}

export function stroops(amount: string | undefined, label: string): bigint {
  return parseDecimal(required(amount, label), ASSET_SCALE, label);
}

function required(v: string | undefined, label: string): string {
  if (v === undefined || v === null || v === '') throw new AppError('DATA_INCONSISTENT', `${label} is missing`);
  return v;
}

/** The memo as stored: text as is, a hash memo (base64 of 32 bytes) as hex, none as null. */
export function decodeMemo(tx: HorizonTransaction | undefined): { memo_type: 'text' | 'hash' | 'none'; memo_value: string | null } {
  if (!tx) throw new AppError('DATA_INCONSISTENT', 'the payment has no joined transaction (join=transactions)');
  switch (tx.memo_type) {
    case 'none':
      return { memo_type: 'none', memo_value: null };
    case 'text':
      return { memo_type: 'text', memo_value: tx.memo ?? '' };
    case 'hash':
      return { memo_type: 'hash', memo_value: hashMemoToHex(tx.memo ?? '') };
    default:
      throw new AppError('DATA_INCONSISTENT', `memo type ${JSON.stringify(tx.memo_type)} is not supported (text, hash or none)`);
  }
}

/** Funder and assets: the first payment-like operation (payment, path payment strict receive / send) of the tx. */
export function paymentData(ops: OperationRecord[]): Pick<
  SinkingTxRow,
  'funder' | 'source_asset_code' | 'source_asset_issuer' | 'source_asset_amount' | 'dest_asset_code' | 'dest_asset_issuer' | 'dest_asset_amount'
> {
  const op = ops.find((o) => o.type_i === 1 || o.type_i === 2 || o.type_i === 13);
  if (!op) throw new AppError('DATA_INCONSISTENT', 'the transaction has no payment operation');
  if (!op.asset_code || !op.asset_issuer) throw new AppError('DATA_INCONSISTENT', `payment operation ${op.id} pays in native XLM, which has no asset code/issuer to store`);
  const native = op.source_asset_type === 'native';
  return {
    funder: required(op.from, `operation ${op.id} from`),
    source_asset_code: native ? 'XLM' : (op.source_asset_code ?? op.asset_code),
    source_asset_issuer: native ? null : (op.source_asset_issuer ?? op.asset_issuer),
    source_asset_amount: stroops(op.source_amount ?? op.amount, `operation ${op.id} source amount`),
    dest_asset_code: op.asset_code,
    dest_asset_issuer: op.asset_issuer,
    dest_asset_amount: stroops(op.amount, `operation ${op.id} amount`),
  };
}

export function sinkingTxRow(r: PaymentRecord, ops: OperationRecord[]): SinkingTxRow {
  return {
    hash: r.transaction_hash,
    created_at: toUtcDateTime(r.created_at),
    contract_id: null,
    ...paymentData(ops),
    recipient: required(r.to, 'recipient'),
    carbon_amount: carbonKg(r.amount, 'carbon amount'),
    vcs_project_id: VCS_PROJECT_ID,
    ...decodeMemo(r.transaction),
    toid: parseToid(r.paging_token),
  };
}

export function distributionTxRow(r: PaymentRecord): DistributionTxRow {
  return {
    hash: r.transaction_hash,
    created_at: toUtcDateTime(r.created_at),
    sender: required(r.from, 'sender'),
    recipient: required(r.to, 'recipient'),
    carbon_amount: carbonKg(r.amount, 'carbon amount'),
    toid: parseToid(r.paging_token),
  };
}

export interface MintPayment {
  serial_hash: string;
  transaction_hash: string;
  created_at: string;
  /** Credits in the block: the integer part of the CARBON amount. */
  size: number;
  toid: bigint;
}

export function mintPayment(r: PaymentRecord): MintPayment {
  const tx = r.transaction;
  if (!tx) throw new AppError('DATA_INCONSISTENT', 'the payment has no joined transaction (join=transactions)');
  if (tx.memo_type !== 'hash') throw new AppError('DATA_INCONSISTENT', `memo type is ${JSON.stringify(tx.memo_type)}, expected the block's serial hash`);
  const whole = /^(\d+)(?:\.\d+)?$/.exec(r.amount ?? '')?.[1];
  if (whole === undefined) throw new AppError('DATA_INCONSISTENT', `amount ${JSON.stringify(r.amount)} is not a decimal`);
  return {
    serial_hash: hashMemoToHex(tx.memo ?? ''),
    transaction_hash: r.transaction_hash,
    created_at: toUtcDateTime(r.created_at),
    size: Number(whole),
    toid: parseToid(r.paging_token),
  };
}
