import { formatDecimal } from '../../core/domain/amount.js';
import { formatSerialNumber, parseSerialNumber, withBlockRange } from '../../core/domain/serialNumber.js';
import { makeToid, toidParts } from '../../core/domain/toid.js';
import { DEFAULT_SOURCE_CONFIG } from '../../core/config.js';
import type { HorizonTransaction, OperationRecord, PaymentRecord } from '../../core/sources/horizon.js';
import type { PoolBatch } from '../../core/sources/poolReport.js';
import type { VerraRetirementItem } from '../../core/sources/verra.js';
import { big, num, readScTable, str, type ScRow } from './scData.js';
import type { World } from './world.js';

const { carbonIssuer: ISSUER, carbonDistributor: DISTRIBUTOR, sinkIssuer: SINK } = DEFAULT_SOURCE_CONFIG;
/** Where the captured sinks' path payments go (Stellarcarbon's payment account). */
const SELLER = 'GDGNRZLFOCUGV4OPRQFXD4SHNPDXSCXJCBGKJQE2U3X37KX7LAHYVUWR';

/** What a world is made of before it is served: enough to re-derive the pool report for any date. */
export interface WorldTruth {
  project: ScRow;
  blocks: { serial_number: string; created_at: string; sub_account_id: number; sub_account_name: string }[];
}

export type ScWorld = World & { truth: WorldTruth };

const stroops7 = (kg: bigint) => formatDecimal(kg * 10_000n, 7);
const z = (dt: string) => `${dt}Z`;
const hexToBase64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

/**
 * A complete, consistent world derived from the published sc-data dumps: catching up from it reproduces the dumps
 * row for row. Sinks become CarbonSINK payments with joined transactions and operations (the buyer's payment first,
 * so the funder rule finds it), mints carry sha256(serial) as hash memo, retirements become Verra search items, and
 * the pool report lists whatever of each block is unretired (a partly retired block's rest under a new serial).
 */
export function worldFromScData(dir: string): ScWorld {
  const project = readScTable(dir, 'vcs_projects')[0] as ScRow;
  const sinks = readScTable(dir, 'sinking_txs');
  const dists = readScTable(dir, 'distribution_txs');
  const blocks = readScTable(dir, 'minted_blocks');
  const retirements = readScTable(dir, 'retirements');

  const payments: Record<string, PaymentRecord[]> = { [SINK]: [], [ISSUER]: [], [DISTRIBUTOR]: [] };
  const operations: Record<string, OperationRecord[]> = {};
  let maxLedger = 0;
  const push = (account: string, r: PaymentRecord) => (payments[account] ??= []).push(r);

  for (const b of blocks) {
    const toid = big(b.toid);
    const hash = str(b.transaction_hash);
    const size = big(b.block_end) - big(b.block_start) + 1n;
    const tx = transaction(hash, str(b.created_at), toid, ISSUER, 'hash', hexToBase64(str(b.serial_hash)));
    maxLedger = Math.max(maxLedger, toidParts(toid).ledger);
    const rec = payment(toid, hash, str(b.created_at), ISSUER, DISTRIBUTOR, 'CARBON', ISSUER, formatDecimal(size * 10_000_000n, 7), tx);
    push(ISSUER, rec);
    push(DISTRIBUTOR, rec); // an incoming mint: the outflow filter must drop it
  }

  const distByHash = new Map<string, ScRow[]>();
  for (const d of dists) {
    const toid = big(d.toid);
    maxLedger = Math.max(maxLedger, toidParts(toid).ledger);
    push(DISTRIBUTOR, payment(toid, str(d.hash), str(d.created_at), DISTRIBUTOR, str(d.recipient), 'CARBON', ISSUER, stroops7(big(d.carbon_amount))));
    distByHash.set(str(d.hash), [...(distByHash.get(str(d.hash)) ?? []), d]);
  }

  for (const s of sinks) {
    const hash = str(s.hash);
    const toid = big(s.toid);
    const funder = str(s.funder);
    maxLedger = Math.max(maxLedger, toidParts(toid).ledger);
    const memoType = str(s.memo_type);
    const memo = s.memo_value === null ? undefined : memoType === 'hash' ? hexToBase64(str(s.memo_value)) : str(s.memo_value);
    const tx = transaction(hash, str(s.created_at), toid, funder, memoType, memo);
    const sinkPay = payment(toid, hash, str(s.created_at), SINK, str(s.recipient), 'CarbonSINK', SINK, stroops7(big(s.carbon_amount)), tx);
    push(SINK, sinkPay);

    const distOps = (distByHash.get(hash) ?? []).map((d) =>
      payment(big(d.toid), hash, str(d.created_at), DISTRIBUTOR, str(d.recipient), 'CARBON', ISSUER, stroops7(big(d.carbon_amount))),
    );
    const first = [toid, ...distOps.map((o) => BigInt(o.paging_token))].reduce((a, b) => (b < a ? b : a));
    if ((first & 4095n) < 2n) throw new Error(`sc-data world: no room for the buyer's payment before op ${first} of ${hash}`);
    const buyerOp = buyerPayment(s, first - 1n);
    if (buyerOp.type_i === 1 && buyerOp.to === ISSUER) push(ISSUER, { ...(buyerOp as PaymentRecord), transaction: tx });
    const ops: OperationRecord[] = [buyerOp, ...distOps, sinkPay].map(stripTx);
    if ((first & 4095n) > 2n) ops.unshift(changeTrust(first - 2n, hash, str(s.created_at), funder));
    operations[hash] = ops.sort((a, b) => (BigInt(a.paging_token) < BigInt(b.paging_token) ? -1 : 1));
  }

  const truth: WorldTruth = {
    project,
    blocks: blocks.map((b) => ({
      serial_number: str(b.serial_number),
      created_at: str(b.created_at),
      sub_account_id: num(b.sub_account_id),
      sub_account_name: str(b.sub_account_name),
    })),
  };
  const items = retirements.map((r) => verraItem(r, project));
  return {
    horizon: { payments, operations, latestLedger: maxLedger + 100 },
    verra: { retirements: items, pool: poolBatches(truth, items) },
    truth,
  };
}

/** The pool on a given day: each block's credits minus every retired range, remainders under their own serials. */
export function poolBatches(truth: WorldTruth, retirements: VerraRetirementItem[]): PoolBatch[] {
  const retired = retirements.map((r) => parseSerialNumber(r.serialNumbers));
  const batches: PoolBatch[] = [];
  for (const b of truth.blocks) {
    const sn = parseSerialNumber(b.serial_number);
    let ranges: [number, number][] = [[sn.blockStart, sn.blockEnd]];
    for (const r of retired) {
      ranges = ranges.flatMap(([s, e]): [number, number][] => {
        if (r.blockEnd < s || r.blockStart > e) return [[s, e]];
        const out: [number, number][] = [];
        if (r.blockStart > s) out.push([s, r.blockStart - 1]);
        if (r.blockEnd < e) out.push([r.blockEnd + 1, e]);
        return out;
      });
    }
    for (const [s, e] of ranges) {
      batches.push({
        vintage: `${dmy(sn.vintageStart)}-${dmy(sn.vintageEnd)}`,
        project_id: sn.projectId,
        project_name: str(truth.project.name),
        project_type: str(truth.project.category),
        quantity_of_credits: e - s + 1,
        serial_number: formatSerialNumber(withBlockRange(sn, s, e)),
        sub_account_id: b.sub_account_id,
        sub_account_name: b.sub_account_name,
      });
    }
  }
  return batches;
}

/**
 * The world as it was at the end of `untilDate` (YYYY-MM-DD, inclusive): later payments, operations and
 * retirements are gone and the pool is re-derived, so a catch-up against it then against the whole world
 * exercises the incremental path. A pruned history (prunedWorld) is kept.
 */
export function worldSlice(world: ScWorld, untilDate: string): ScWorld {
  const keep = (createdAt: string) => createdAt.slice(0, 10) <= untilDate;
  const payments = Object.fromEntries(Object.entries(world.horizon.payments).map(([acc, rs]) => [acc, rs.filter((r) => keep(r.created_at))]));
  const liveTx = new Set(Object.values(payments).flatMap((rs) => rs.map((r) => r.transaction_hash)));
  const operations = Object.fromEntries(Object.entries(world.horizon.operations).filter(([h]) => liveTx.has(h)));
  const retirements = world.verra.retirements.filter((r) => r.retireOrCancelDate.slice(0, 10) <= untilDate);
  const truth = { ...world.truth, blocks: world.truth.blocks.filter((b) => keep(b.created_at)) };
  return {
    horizon: { payments, operations, latestLedger: world.horizon.latestLedger, ...(world.horizon.history ? { history: world.horizon.history } : {}) },
    verra: { ...world.verra, retirements, pool: poolBatches(truth, retirements) },
    truth,
  };
}

function dmy(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function transaction(hash: string, createdAt: string, opToid: bigint, source: string, memoType: string, memo?: string): HorizonTransaction & Record<string, unknown> {
  const p = toidParts(opToid);
  return {
    id: hash,
    hash,
    paging_token: makeToid(p.ledger, p.txOrder, 0).toString(),
    successful: true,
    ledger: p.ledger,
    created_at: z(createdAt),
    source_account: source,
    memo_type: memoType,
    ...(memo === undefined ? {} : { memo }),
  };
}

function payment(toid: bigint, hash: string, createdAt: string, from: string, to: string, code: string, issuer: string, amount: string, tx?: HorizonTransaction): PaymentRecord {
  return {
    id: toid.toString(),
    paging_token: toid.toString(),
    type: 'payment',
    type_i: 1,
    created_at: z(createdAt),
    transaction_hash: hash,
    from,
    to,
    amount,
    asset_type: code.length > 4 ? 'credit_alphanum12' : 'credit_alphanum4',
    asset_code: code,
    asset_issuer: issuer,
    ...(tx ? { transaction: tx } : {}),
  };
}

/** The buyer's own payment: a path payment when the asset changes, else a direct CARBON payment (a burn). */
function buyerPayment(s: ScRow, toid: bigint): OperationRecord {
  const base = { id: toid.toString(), paging_token: toid.toString(), transaction_hash: str(s.hash), created_at: z(str(s.created_at)), from: str(s.funder) };
  const destCode = str(s.dest_asset_code);
  const destIssuer = str(s.dest_asset_issuer);
  const destAmount = formatDecimal(big(s.dest_asset_amount), 7);
  const srcCode = str(s.source_asset_code);
  const srcIssuer = s.source_asset_issuer === null ? null : str(s.source_asset_issuer);
  const srcAmount = formatDecimal(big(s.source_asset_amount), 7);
  const asset = { asset_type: destCode.length > 4 ? 'credit_alphanum12' : 'credit_alphanum4', asset_code: destCode, asset_issuer: destIssuer, amount: destAmount };
  if (srcIssuer === destIssuer && srcCode === destCode && srcAmount === destAmount) {
    return { ...base, type: 'payment', type_i: 1, to: destCode === 'CARBON' ? ISSUER : SELLER, ...asset };
  }
  const source =
    srcIssuer === null
      ? { source_asset_type: 'native' }
      : { source_asset_type: srcCode.length > 4 ? 'credit_alphanum12' : 'credit_alphanum4', source_asset_code: srcCode, source_asset_issuer: srcIssuer };
  return { ...base, type: 'path_payment_strict_receive', type_i: 2, to: SELLER, ...asset, source_amount: srcAmount, ...source };
}

function changeTrust(toid: bigint, hash: string, createdAt: string, trustor: string): OperationRecord {
  return { id: toid.toString(), paging_token: toid.toString(), transaction_hash: hash, type: 'change_trust', type_i: 6, source_account: trustor, created_at: z(createdAt), asset_code: 'CarbonSINK', asset_issuer: SINK } as OperationRecord;
}

function stripTx(r: PaymentRecord | OperationRecord): OperationRecord {
  const { transaction: _t, ...rest } = r as PaymentRecord;
  void _t;
  return rest as OperationRecord;
}

function verraItem(r: ScRow, project: ScRow): VerraRetirementItem {
  return {
    issuanceDate: str(r.issuance_date),
    programObjectives: null,
    instrumentType: str(r.instrument_type),
    vintageStart: str(r.vintage_start),
    vintageEnd: str(r.vintage_end),
    resourceIdentifier: String(big(r.vcs_project_id)),
    resourceName: str(project.name),
    region: str(project.region),
    country: str(project.country),
    protocolCategory: str(project.category),
    protocol: str(project.protocol),
    totalVintageQuantity: num(r.total_vintage_quantity),
    quantity: num(r.vcu_amount),
    serialNumbers: str(r.serial_number),
    additionalCertifications: project.additional_certifications,
    retiredCancelled: true,
    retireOrCancelDate: str(r.retirement_date),
    retirementBeneficiary: str(r.retirement_beneficiary),
    retirementReason: 'Retirement for Person or Organization',
    retirementDetails: str(r.retirement_details),
    inputTypes: null,
    holdingIdentifier: String(big(r.certificate_id)),
  };
}
