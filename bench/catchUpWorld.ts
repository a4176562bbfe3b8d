import { DEFAULT_SOURCE_CONFIG } from '../electron/core/config.js';
import { formatDecimal } from '../electron/core/domain/amount.js';
import { makeToid } from '../electron/core/domain/toid.js';
import type { OperationRecord, PaymentRecord } from '../electron/core/sources/horizon.js';
import { funderOf, recipientOf, saleHash } from '../electron/testkit/synthetic/generate.js';
import type { World } from '../electron/testkit/fakeWorld/world.js';

const { carbonIssuer: ISSUER, carbonDistributor: DISTRIBUTOR, sinkIssuer: SINK } = DEFAULT_SOURCE_CONFIG;
const USDC = 'GA5ZSEJYB37JRC5AVCIA5MOP4RHTM335X2KGX3IHOJAPP5RE34K4KZVN';
const SELLER = 'GDGNRZLFOCUGV4OPRQFXD4SHNPDXSCXJCBGKJQE2U3X37KX7LAHYVUWR';

/**
 * A Horizon holding `sales` sales after the first cursors, as the real one shows them: each sale is one transaction
 * with the buyer's path payment (op 1), the distributor's CARBON outflow (op 2) and the CarbonSINK receipt (op 3);
 * sink payments come joined with their transaction when asked. No mints and no retirements (those steps read one
 * empty page / one empty search), so the figures are about the sales.
 */
export function salesWorld(sales: number): World {
  const sinkPayments: PaymentRecord[] = [];
  const distPayments: PaymentRecord[] = [];
  const operations: Record<string, OperationRecord[]> = {};
  const t0 = Date.UTC(2024, 0, 1);
  let ledger = 0;
  for (let i = 0; i < sales; i++) {
    ledger = 40_000_000 + Math.floor(i / 4);
    const tx = (i % 4) + 1;
    const hash = saleHash(1_000_000_000 + i);
    const at = `${new Date(t0 + i * 60_000).toISOString().slice(0, 19)}Z`;
    const tonnes = 1 + (i % 5);
    const carbon = formatDecimal(BigInt(tonnes) * 10_000_000n, 7);
    const usd = formatDecimal(BigInt(tonnes * 25) * 10_000_000n, 7);
    const funder = funderOf(i);
    const recipient = recipientOf(i);
    const tok = (op: number) => makeToid(ledger, tx, op).toString();
    const transaction = { id: hash, hash, paging_token: makeToid(ledger, tx, 0).toString(), successful: true, ledger, created_at: at, source_account: funder, memo_type: 'text', memo: `stellarcarbon ${i}` };
    const base = (op: number) => ({ id: tok(op), paging_token: tok(op), transaction_hash: hash, created_at: at });
    const buyer: OperationRecord = {
      ...base(1), type: 'path_payment_strict_receive', type_i: 2, from: funder, to: SELLER, asset_type: 'credit_alphanum4', asset_code: 'USDC',
      asset_issuer: USDC, amount: usd, source_asset_type: 'native', source_amount: formatDecimal(BigInt(tonnes * 200) * 10_000_000n, 7),
    };
    const dist: PaymentRecord = { ...base(2), type: 'payment', type_i: 1, from: DISTRIBUTOR, to: SINK, asset_type: 'credit_alphanum12', asset_code: 'CARBON', asset_issuer: ISSUER, amount: carbon };
    const sink: PaymentRecord = { ...base(3), type: 'payment', type_i: 1, from: SINK, to: recipient, asset_type: 'credit_alphanum12', asset_code: 'CarbonSINK', asset_issuer: SINK, amount: carbon, transaction };
    sinkPayments.push(sink);
    distPayments.push(dist);
    operations[hash] = [buyer, dist, { ...sink, transaction: undefined } as OperationRecord];
  }
  return {
    horizon: { payments: { [SINK]: sinkPayments, [DISTRIBUTOR]: distPayments, [ISSUER]: [] }, operations, latestLedger: ledger + 10 },
    verra: { retirements: [], pool: [] },
  };
}
