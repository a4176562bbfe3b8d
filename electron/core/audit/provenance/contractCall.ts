import { stellarBase } from '../../lazyModules.js';
import { formatDecimal, ASSET_SCALE } from '../../domain/amount.js';
import { toUtcDateTime } from '../../domain/dates.js';
import { toidParts } from '../../domain/toid.js';
import type { JoinedOperation } from '../../sources/horizon.js';
import { contractCallRows, MERCURY_FIRST_TX_ORDER } from '../../sync/contractCallRows.js';
import { beforeHistory, differingFields, type HorizonCheck, type StoredRow, type Verdict } from './verdict.js';

/** What Horizon lists for an invoke_host_function operation (the fields this check reads). */
interface InvokeOperation {
  type?: string;
  function?: string;
  paging_token: string;
  created_at?: string;
  transaction_successful?: boolean;
  parameters?: { type?: string; value?: string }[];
  asset_balance_changes?: { asset_code?: string; asset_issuer?: string; type?: string; from?: string; to?: string; amount?: string }[];
}

const SINK_FIELDS = [
  'hash', 'created_at', 'contract_id', 'funder', 'recipient', 'carbon_amount', 'source_asset_code', 'source_asset_issuer', 'source_asset_amount',
  'dest_asset_code', 'dest_asset_issuer', 'dest_asset_amount', 'vcs_project_id', 'memo_type', 'memo_value',
] as const;

/** The call's arguments decoded from their base64 XDR ScVals: [contract, function, funder, recipient, amount, project, memo]. */
function decodeCall(op: InvokeOperation): unknown[] | null {
  try {
    const { scValToNative, xdr } = stellarBase();
    return (op.parameters ?? []).map((p) => scValToNative(xdr.ScVal.fromXDR(p.value ?? '', 'base64')) as unknown);
  } catch {
    return null;
  }
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/**
 * A contract-call sale (taken from an indexer, a third party) against Horizon: the transaction's
 * invoke_host_function of `sink_carbon` on the row's contract gives funder, recipient, amount, project and memo,
 * mapped with the loader's own rules; its asset_balance_changes must show the CARBON burnt from the funder and the
 * CarbonSINK minted to the recipient, both of that amount. Obsrvr's TOID is the operation's; Mercury's synthetic
 * TOID (tx order 65536 + n) must at least lie in the transaction's ledger.
 */
export async function rederiveContractCall(c: HorizonCheck, row: StoredRow): Promise<Verdict> {
  const source = `Horizon ${c.config.horizonUrl}`;
  const early = beforeHistory(c, row.toid);
  if (early) return early;
  const hash = text(row.hash);
  const ops = await c.operationsOf(hash);
  if (ops === null) return { status: 'differs', source, detail: `Horizon has no transaction ${hash}, although its ledger is within its history` };
  const calls = (ops as (JoinedOperation & InvokeOperation)[])
    .filter((o) => o.type === 'invoke_host_function')
    .map((o) => ({ op: o, args: decodeCall(o) }))
    .filter((x) => x.args !== null && x.args[0] === row.contract_id && x.args[1] === 'sink_carbon');
  const call = calls[0];
  if (!call?.args) return { status: 'differs', source, detail: `transaction ${hash} holds no sink_carbon call of contract ${text(row.contract_id)}` };
  if (call.op.transaction_successful === false || call.op.transaction?.successful === false) {
    return { status: 'differs', source, detail: `transaction ${hash} failed on the network: nothing was sunk` };
  }
  const [, , funder, recipient, amount, projectId, memo] = call.args;
  if (typeof amount !== 'bigint' || typeof funder !== 'string' || typeof recipient !== 'string') {
    return { status: 'differs', source, detail: `the sink_carbon call of ${hash} does not have the arguments (funder, recipient, amount, project_id, memo_text)` };
  }
  const [derived] = contractCallRows(
    [{ ref: hash, hash, createdAt: toUtcDateTime(call.op.created_at ?? call.op.transaction?.created_at ?? ''), contractId: text(row.contract_id), funder, recipient, stroops: amount, projectId: text(projectId), memo: memo === undefined || memo === null ? null : text(memo), toid: BigInt(call.op.paging_token), ledger: null }],
    c.config,
    c.knownProjects,
  );
  if (!derived) return { status: 'differs', source, detail: 'the call could not be mapped' };
  const problems = [differingFields(row, derived, SINK_FIELDS)];
  const stored = toidParts(BigInt(text(row.toid)));
  const opToid = toidParts(derived.toid);
  if (stored.txOrder >= MERCURY_FIRST_TX_ORDER) {
    if (stored.ledger !== opToid.ledger) problems.push(`toid: published ledger ${stored.ledger}, source ledger ${opToid.ledger}`);
  } else if (text(row.toid) !== derived.toid.toString()) problems.push(`toid: published ${text(row.toid)}, source ${derived.toid}`);
  problems.push(balanceChanges(call.op, c.config.carbonIssuer, funder, recipient, formatDecimal(derived.carbon_amount * 10_000n, ASSET_SCALE)));
  const detail = problems.filter((p): p is string => p !== null && p !== '').join('; ');
  return detail ? { status: 'differs', source, detail } : { status: 'confirmed', source, detail: null };
}

/** The burn of the funder's CARBON and the mint of the recipient's CarbonSINK, as Horizon lists them. */
function balanceChanges(op: InvokeOperation, carbonIssuer: string, funder: string, recipient: string, amount: string): string | null {
  const changes = op.asset_balance_changes ?? [];
  const burn = changes.find((b) => b.type === 'burn' && b.asset_code === 'CARBON' && b.asset_issuer === carbonIssuer && b.from === funder);
  const mint = changes.find((b) => b.type === 'mint' && b.asset_code === 'CarbonSINK' && b.to === recipient);
  const out: string[] = [];
  if (!burn) out.push(`asset_balance_changes: no burn of CARBON from ${funder}`);
  else if (burn.amount !== amount) out.push(`CARBON burnt: ${burn.amount ?? '?'}, but the sale is of ${amount}`);
  if (!mint) out.push(`asset_balance_changes: no mint of CarbonSINK to ${recipient}`);
  else if (mint.amount !== amount) out.push(`CarbonSINK minted: ${mint.amount ?? '?'}, but the sale is of ${amount}`);
  return out.length ? out.join('; ') : null;
}
