import { Address, nativeToScVal, xdr } from '@stellar/stellar-base';
import { DEFAULT_SOURCE_CONFIG } from '../../core/config.js';
import { formatDecimal } from '../../core/domain/amount.js';
import { makeToid } from '../../core/domain/toid.js';
import type { OperationRecord } from '../../core/sources/horizon.js';
import { accountId, contractId } from '../synthetic/strkeys.js';
import type { World } from '../fakeWorld/world.js';

/**
 * Synthetic `sink_carbon` calls (valid strkeys, unlike the shared fixtures' made-up ones), in the shapes of
 * ../shared/fixtures/soroban: one per mapping rule of sc-audit — rounding down, an unknown project, a non-VCS
 * project with an empty memo, a multi-byte memo over 64 bytes, two calls in one ledger, contract funder and recipient.
 * The same calls feed the fake Mercury, a real PostgreSQL table (Obsrvr Flow) and the fake Horizon.
 */
export interface SinkCall {
  hash: string;
  ledger: number;
  /** The transaction's order in its ledger (Obsrvr's TOID is TOID(ledger, txOrder, 1)). */
  txOrder: number;
  /** Unix seconds. */
  timestamp: number;
  contract: string;
  funder: string;
  recipient: string;
  stroops: bigint;
  projectId: string;
  memo: string;
}

export const SINK_CONTRACT = contractId('sorocarbon sink contract');
const CARBON_ISSUER = DEFAULT_SOURCE_CONFIG.carbonIssuer;
const SINK_ISSUER = DEFAULT_SOURCE_CONFIG.sinkIssuer;
const hex = (n: number) => n.toString(16).padStart(2, '0').repeat(32);
/** 63 ASCII bytes, then a 2-byte character straddling byte 64: sc-audit's strict decode would throw here. */
export const LONG_MEMO = `${'x'.repeat(63)}é and some more text after it`;

export const SINK_CALLS: readonly SinkCall[] = [
  { hash: hex(0xa1), ledger: 58_000_001, txOrder: 3, timestamp: 1_748_736_000, contract: SINK_CONTRACT, funder: accountId('buyer one'), recipient: accountId('buyer one'), stroops: 12_345_678n, projectId: 'VCS1360', memo: 'offset 2025' },
  { hash: hex(0xa2), ledger: 58_000_002, txOrder: 1, timestamp: 1_748_736_006, contract: SINK_CONTRACT, funder: accountId('buyer two'), recipient: accountId('their friend'), stroops: 5_000_000n, projectId: 'VCS1361', memo: 'unknown project' },
  { hash: hex(0xa3), ledger: 58_000_003, txOrder: 2, timestamp: 1_748_736_012, contract: SINK_CONTRACT, funder: accountId('buyer three'), recipient: accountId('buyer three'), stroops: 10_000_000n, projectId: 'GOGOPWRRNGRS', memo: '' },
  { hash: hex(0xa4), ledger: 58_000_004, txOrder: 5, timestamp: 1_748_736_018, contract: SINK_CONTRACT, funder: accountId('buyer four'), recipient: accountId('buyer four'), stroops: 7_500_000n, projectId: 'VCS1360', memo: LONG_MEMO },
  { hash: hex(0xa5), ledger: 58_000_005, txOrder: 1, timestamp: 1_748_736_024, contract: SINK_CONTRACT, funder: accountId('buyer five'), recipient: accountId('buyer five'), stroops: 20_000_000n, projectId: 'VCS1360', memo: 'first of the ledger' },
  { hash: hex(0xa6), ledger: 58_000_005, txOrder: 4, timestamp: 1_748_736_024, contract: SINK_CONTRACT, funder: contractId('a wallet contract'), recipient: contractId('a vault contract'), stroops: 30_000_000n, projectId: 'VCS1360', memo: 'second, from a contract' },
];

export const callToid = (c: SinkCall): bigint => makeToid(c.ledger, c.txOrder, 1);
const isoZ = (c: SinkCall) => new Date(c.timestamp * 1000).toISOString().replace('.000Z', 'Z');

/** Rows of an Obsrvr Flow invocations table (obsrvr_sink_invocations.json's shape). */
export function obsrvrRows(calls: readonly SinkCall[] = SINK_CALLS): Record<string, unknown>[] {
  return calls.map((c, i) => ({
    id: i + 1,
    toid: callToid(c).toString(),
    ledger: c.ledger,
    timestamp: new Date(c.timestamp * 1000).toISOString().replace('.000Z', '+00:00'),
    contract_id: c.contract,
    function_name: 'sink_carbon',
    invoking_account: c.funder,
    tx_hash: c.hash,
    funder: c.funder,
    recipient: c.recipient,
    amount: c.stroops.toString(),
    project_id: c.projectId,
    memo_text: c.memo,
    processed_at: '2025-08-24T12:28:23.038732+00:00',
    schema_name: 'carbon_sink_v1',
    successful: true,
    created_at: '2025-08-24T12:28:23.038732+00:00',
  }));
}

/** Mercury Retroshades events (mercury_sink_events_response.json's shape), in ledger order. */
export function mercuryEvents(calls: readonly SinkCall[] = SINK_CALLS): Record<string, unknown>[] {
  return calls.map((c) => ({
    funder: c.funder,
    recipient: c.recipient,
    amount: Number(c.stroops),
    project_id: c.projectId,
    memo_text: c.memo,
    ledger: c.ledger,
    timestamp: c.timestamp,
    contract_id: c.contract,
    transaction: c.hash,
  }));
}

/** The call as Horizon lists it: an invoke_host_function whose parameters are base64 XDR ScVals, with the SAC burn and mint. */
export function invokeOperation(c: SinkCall): OperationRecord & Record<string, unknown> {
  const params: [xdr.ScVal, string][] = [
    [Address.fromString(c.contract).toScVal(), 'Address'],
    [xdr.ScVal.scvSymbol('sink_carbon'), 'Sym'],
    [Address.fromString(c.funder).toScVal(), 'Address'],
    [Address.fromString(c.recipient).toScVal(), 'Address'],
    [nativeToScVal(c.stroops, { type: 'i128' }), 'I128'],
    [xdr.ScVal.scvString(c.projectId), 'String'],
    [xdr.ScVal.scvString(c.memo), 'String'],
  ];
  // The contract quantizes the amount to the kilogram before it burns and mints.
  const amount = formatDecimal((c.stroops / 10_000n) * 10_000n, 7);
  const toid = callToid(c).toString();
  return {
    id: toid,
    paging_token: toid,
    transaction_successful: true,
    source_account: c.funder.startsWith('G') ? c.funder : accountId('relayer'),
    type: 'invoke_host_function',
    type_i: 24,
    created_at: isoZ(c),
    transaction_hash: c.hash,
    function: 'HostFunctionTypeHostFunctionTypeInvokeContract',
    parameters: params.map(([v, type]) => ({ value: v.toXDR('base64'), type })),
    address: '',
    salt: '',
    asset_balance_changes: [
      { asset_type: 'credit_alphanum12', asset_code: 'CARBON', asset_issuer: CARBON_ISSUER, type: 'burn', from: c.funder, amount },
      { asset_type: 'credit_alphanum12', asset_code: 'CarbonSINK', asset_issuer: SINK_ISSUER, type: 'mint', to: c.recipient, amount },
    ],
  };
}

/** The world with these calls on its Horizon (each a transaction of one invoke_host_function). */
export function withSinkCalls<W extends World>(world: W, calls: readonly SinkCall[] = SINK_CALLS): W {
  const operations = { ...world.horizon.operations };
  for (const c of calls) operations[c.hash] = [invokeOperation(c)];
  const latest = Math.max(world.horizon.latestLedger, ...calls.map((c) => c.ledger + 10));
  return { ...world, horizon: { ...world.horizon, operations, latestLedger: latest } };
}
