import { sha256Hex } from '../../domain/hash.js';
import { parseSerialNumber } from '../../domain/serialNumber.js';
import type { JoinedOperation } from '../../sources/horizon.js';
import type { VerraRetirementItem } from '../../sources/verra.js';
import { distributionTxRow, isDistributionOutflow, isMintPayment, isSinkPayment, mintPayment, sinkingTxRow } from '../../sync/horizonRows.js';
import { retirementRow } from '../../sync/retirementRows.js';
import { VCS_1360 } from '../../sync/steps/impactProjects.js';
import { rederiveContractCall } from './contractCall.js';
import { beforeHistory, judge, text, type HorizonCheck, type StoredRow, type Verdict } from './verdict.js';

export type { HorizonCheck, StoredRow, Verdict } from './verdict.js';

const SINK_FIELDS = [
  'hash', 'created_at', 'contract_id', 'funder', 'recipient', 'carbon_amount', 'source_asset_code', 'source_asset_issuer', 'source_asset_amount',
  'dest_asset_code', 'dest_asset_issuer', 'dest_asset_amount', 'vcs_project_id', 'memo_type', 'memo_value', 'toid',
] as const;

async function horizonOps(c: HorizonCheck, hash: string): Promise<{ ops: JoinedOperation[] } | Verdict> {
  const ops = await c.operationsOf(hash);
  if (ops === null) return { status: 'differs', source: `Horizon ${c.config.horizonUrl}`, detail: `Horizon has no transaction ${hash}, although its ledger is within its history` };
  return { ops };
}

/** A classic sale: the CarbonSINK payment and the tx's first payment, mapped with exactly the loader's rules. */
export async function rederiveSinkingTx(c: HorizonCheck, row: StoredRow): Promise<Verdict> {
  const source = `Horizon ${c.config.horizonUrl}`;
  if (row.contract_id !== null && row.contract_id !== undefined) return rederiveContractCall(c, row);
  const early = beforeHistory(c, row.toid);
  if (early) return early;
  const got = await horizonOps(c, text(row.hash));
  if (!('ops' in got)) return got;
  const sinks = got.ops.filter((o) => isSinkPayment(o, c.config));
  const payment = sinks.find((o) => o.paging_token === text(row.toid)) ?? sinks[0];
  if (!payment) return { status: 'differs', source, detail: `transaction ${text(row.hash)} pays out no CarbonSINK from ${c.config.sinkIssuer}` };
  try {
    return judge(row, sinkingTxRow(payment, got.ops), SINK_FIELDS, source);
  } catch (err) {
    return { status: 'differs', source, detail: `the loader cannot map transaction ${text(row.hash)}: ${(err as Error).message}` };
  }
}

/** A distribution outflow: the operation with the row's TOID, which must be a CARBON payment of the distributor. */
export async function rederiveDistributionTx(c: HorizonCheck, row: StoredRow): Promise<Verdict> {
  const source = `Horizon ${c.config.horizonUrl}`;
  const early = beforeHistory(c, row.toid);
  if (early) return early;
  const got = await horizonOps(c, text(row.hash));
  if (!('ops' in got)) return got;
  const op = got.ops.find((o) => o.paging_token === text(row.toid));
  if (!op) return { status: 'differs', source, detail: `transaction ${text(row.hash)} has no operation ${text(row.toid)}` };
  if (!isDistributionOutflow(op, c.config)) return { status: 'differs', source, detail: `operation ${text(row.toid)} is not a CARBON payment from the distributor` };
  return judge(row, distributionTxRow(op), ['hash', 'created_at', 'sender', 'recipient', 'carbon_amount', 'toid'], source);
}

/**
 * A minted block: the mint payment gives hash memo (= serial_hash), time, TOID and size; the serial number is tied
 * to it by its sha256 and must agree with the block's range, project and vintages.
 */
export async function rederiveMintedBlock(c: HorizonCheck, row: StoredRow): Promise<Verdict> {
  const source = `Horizon ${c.config.horizonUrl}`;
  const early = beforeHistory(c, row.toid);
  if (early) return early;
  const got = await horizonOps(c, text(row.transaction_hash));
  if (!('ops' in got)) return got;
  const mints = got.ops.filter((o) => isMintPayment(o, c.config));
  const op = mints.find((o) => o.paging_token === text(row.toid)) ?? mints[0];
  if (!op) return { status: 'differs', source, detail: `transaction ${text(row.transaction_hash)} mints no CARBON to the distributor` };
  try {
    const m = mintPayment(op);
    const sn = parseSerialNumber(text(row.serial_number));
    const derived = {
      serial_hash: m.serial_hash,
      transaction_hash: m.transaction_hash,
      created_at: m.created_at,
      toid: m.toid,
      size: m.size,
      serial_sha256: sha256Hex(text(row.serial_number)),
      block_start: sn.blockStart,
      block_end: sn.blockEnd,
      vcs_project_id: sn.projectId,
      vintage_start: sn.vintageStart,
      vintage_end: sn.vintageEnd,
    };
    const stored = { ...row, size: Number(text(row.block_end)) - Number(text(row.block_start)) + 1, serial_sha256: row.serial_hash };
    return judge(stored, derived, Object.keys(derived), source);
  } catch (err) {
    return { status: 'differs', source, detail: `the loader cannot map transaction ${text(row.transaction_hash)}: ${(err as Error).message}` };
  }
}

/**
 * A retirement against the registry's full list. total_vintage_quantity is left out: it is the registry's running
 * figure for the whole vintage, which it updates after the fact (97259 → 122867 in the published data), so it
 * cannot show whether the published row was edited; registry drift is its own check.
 */
export const RETIREMENT_FIELDS = [
  'certificate_id', 'vcu_amount', 'serial_number', 'retirement_date', 'retirement_beneficiary', 'retirement_details', 'vcs_project_id',
  'issuance_date', 'instrument_type', 'vintage_start', 'vintage_end',
] as const;

export function rederiveRetirement(items: Map<string, VerraRetirementItem>, complete: boolean, searchUrl: string, row: StoredRow): Verdict {
  const source = `Verra asset search ${searchUrl}`;
  const item = items.get(text(row.certificate_id));
  if (!item) {
    return complete
      ? { status: 'differs', source, detail: `the registry lists no Stellarcarbon retirement ${text(row.certificate_id)}` }
      : { status: 'unconfirmable', source, detail: 'the registry stopped counting (countExceeded) before listing it' };
  }
  try {
    return judge(row, retirementRow(item), RETIREMENT_FIELDS, source);
  } catch (err) {
    return { status: 'differs', source, detail: `the loader cannot map the registry's item: ${(err as Error).message}` };
  }
}

/** The one impact project is built in (as in sc-audit): the published row must be it, field for field. */
export function rederiveProject(row: StoredRow): Verdict {
  const source = 'built-in (sc-audit)';
  if (text(row.id) !== String(VCS_1360.id)) return { status: 'unconfirmable', source, detail: `project ${text(row.id)} is not one the loader knows` };
  return judge(row, VCS_1360, Object.keys(VCS_1360), source);
}
