import fs from 'node:fs';
import { DEFAULT_SOURCE_CONFIG } from '../../core/config.js';
import type { OperationRecord, PaymentRecord } from '../../core/sources/horizon.js';
import type { CarbonPoolState } from '../../core/sources/poolReport.js';
import type { VerraRetirementItem } from '../../core/sources/verra.js';
import { sharedFixture } from '../sharedDir.js';
import type { World } from './world.js';

const read = <T>(...parts: string[]): T => JSON.parse(fs.readFileSync(sharedFixture(...parts), 'utf8')) as T;

/**
 * A small world made of the real captured payloads (read in place): 20 sinks with their decoded operations,
 * the 9 mints, the distribution records (incl. sc-audit's synthetic ones), 11 retirements and the 7-batch pool.
 * The captures are not mutually consistent (see fixtures/README §7), so it serves source tests, not fidelity.
 */
export function worldFromFixtures(): World {
  const { carbonIssuer, carbonDistributor, sinkIssuer } = DEFAULT_SOURCE_CONFIG;
  const sinkPage = read<{ _embedded: { records: PaymentRecord[] } }>('horizon', 'sinking_payments_page.json');
  const mints = read<PaymentRecord[]>('horizon', 'minting_payments.json');
  const dists = read<PaymentRecord[]>('horizon', 'distribution_payments.json');
  const ops = read<{ transactions: Record<string, { _embedded: { records: OperationRecord[] } }> }>('horizon', 'derived_sinking_tx_operations.json');
  const search = read<{ value: VerraRetirementItem[] }>('verra', 'retirements_search_response.json');
  const pool = read<CarbonPoolState>('verra', 'carbon_pool_state.json');
  const operations = Object.fromEntries(Object.entries(ops.transactions).map(([h, page]) => [h, page._embedded.records]));
  let latest = 0;
  for (const r of [...sinkPage._embedded.records, ...mints, ...dists]) latest = Math.max(latest, Number(BigInt(r.paging_token) >> 32n));
  return {
    horizon: {
      payments: { [sinkIssuer]: sinkPage._embedded.records, [carbonIssuer]: mints, [carbonDistributor]: dists },
      operations,
      latestLedger: latest + 100,
    },
    verra: { retirements: search.value, pool: pool.credit_batches },
  };
}
