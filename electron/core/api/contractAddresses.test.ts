import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CarbonStats, Page, SinkingTxDetail, SinkingTxRow } from '../../../shared/api/views.js';
import { restoreDatabase } from '../dump/restore.js';
import { Engine } from '../engine.js';
import { badChecksum, C_FUNDER, C_RECIPIENT, CONTRACT_SALE_HASH, G_ACCOUNT, SINK_CONTRACT, writeContractSaleDump } from '../../testkit/contractSaleDump.js';
import { dispatch } from './dispatch.js';
import { createHandlers } from './handlers.js';

/** A sale through the Soroban contract whose funder and recipient are contracts (C…), end to end over the API. */
describe('contract addresses (C…) as a sale funder or recipient', () => {
  let dir: string;
  let engine: Engine;
  let call: (name: string, params: unknown) => ReturnType<typeof dispatch>;
  const value = async <T>(name: string, params: unknown): Promise<T> => {
    const r = await call(name, params);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-contract-api-'));
    engine = new Engine(path.join(dir, 'db.sqlite3'));
    const dump = writeContractSaleDump();
    restoreDatabase(engine.writer(), dump);
    fs.rmSync(dump, { recursive: true, force: true });
    const handlers = createHandlers(engine);
    call = (name, params) => dispatch(handlers, name, params, { via: 'test' });
  });
  afterAll(() => {
    engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the sale filtered by its contract funder, by its contract recipient, and by both', async () => {
    for (const filter of [{ funder: C_FUNDER }, { recipient: C_RECIPIENT }, { funder: C_FUNDER, recipient: C_RECIPIENT }, { funder: C_FUNDER, contractCall: true }]) {
      const page = await value<Page<SinkingTxRow>>('views.sinkingTxs', filter);
      expect(page.rows.map((r) => r.hash), JSON.stringify(filter)).toEqual([CONTRACT_SALE_HASH]);
      expect(page.rows[0]).toMatchObject({ contract_id: SINK_CONTRACT, funder: C_FUNDER, recipient: C_RECIPIENT, carbon_amount: '2.500' });
    }
    // A contract that is neither party: valid, so accepted, and nothing matches.
    expect((await value<Page<SinkingTxRow>>('views.sinkingTxs', { funder: SINK_CONTRACT })).rows).toEqual([]);
    expect((await value<Page<SinkingTxRow>>('views.sinkingTxs', { funder: G_ACCOUNT })).rows).toHaveLength(1);
    const detail = await value<SinkingTxDetail>('views.sinkingTx', { hash: CONTRACT_SALE_HASH });
    expect(detail).toMatchObject({ funder: C_FUNDER, recipient: C_RECIPIENT });
  });

  it('gives the stats of a contract recipient', async () => {
    const stats = await value<CarbonStats>('views.stats', { recipient: C_RECIPIENT });
    expect(stats).toEqual({ carbon_sunk: '2.500', carbon_retired: '0.000', carbon_pending: '2.500', carbon_stored: null });
    expect((await value<CarbonStats>('views.stats', { recipient: G_ACCOUNT })).carbon_sunk).toBe('1.000');
  });

  it('exports the filtered sale as CSV and JSON', async () => {
    const csv = path.join(dir, 'contract-sales.csv');
    const r = await value<{ rows: number }>('export.toFile', { view: 'sinkingTxs', format: 'csv', filters: { funder: C_FUNDER }, path: csv });
    expect(r.rows).toBe(1);
    const lines = fs.readFileSync(csv, 'utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${CONTRACT_SALE_HASH},2025-06-02T10:15:30,${SINK_CONTRACT},${C_FUNDER},${C_RECIPIENT},`);

    const json = path.join(dir, 'contract-sales.json');
    await value('export.toFile', { view: 'sinkingTxs', format: 'json', filters: { recipient: C_RECIPIENT }, path: json });
    const rows = JSON.parse(fs.readFileSync(json, 'utf8')) as SinkingTxRow[];
    expect(rows.map((x) => [x.hash, x.funder, x.recipient])).toEqual([[CONTRACT_SALE_HASH, C_FUNDER, C_RECIPIENT]]);
  });

  it('refuses a bad checksum, of a contract or an account, with BAD_INPUT naming the field', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['views.sinkingTxs', { funder: badChecksum(C_FUNDER) }, /^Invalid parameters for views\.sinkingTxs: funder: Not a valid contract id \(bad checksum\)$/],
      ['views.sinkingTxs', { recipient: badChecksum(C_RECIPIENT) }, /^Invalid parameters for views\.sinkingTxs: recipient: Not a valid contract id \(bad checksum\)$/],
      ['views.sinkingTxs', { funder: badChecksum(G_ACCOUNT) }, /^Invalid parameters for views\.sinkingTxs: funder: Not a valid account id \(bad checksum\)$/],
      ['views.stats', { recipient: badChecksum(C_RECIPIENT) }, /^Invalid parameters for views\.stats: recipient: Not a valid contract id \(bad checksum\)$/],
      ['views.sinkingTxs', { funder: 'CABC' }, /funder: A contract id has 56 characters \(this has 4\)$/],
      [
        'export.toFile',
        { view: 'sinkingTxs', format: 'csv', filters: { funder: badChecksum(C_FUNDER) }, path: path.join(dir, 'never.csv') },
        /^Invalid parameters for export\.toFile: filters\.funder: Not a valid contract id \(bad checksum\)$/,
      ],
      // Distribution payments are classic: a contract is no recipient there.
      ['views.distributionTxs', { recipient: C_RECIPIENT }, /^Invalid parameters for views\.distributionTxs: recipient: An account id starts with G$/],
    ];
    for (const [name, params, says] of cases) {
      const r = await call(name, params);
      expect(r.ok, `${name} ${JSON.stringify(params)}`).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('BAD_INPUT');
      expect(r.error.message).toMatch(says);
    }
    expect(fs.existsSync(path.join(dir, 'never.csv'))).toBe(false);
  });
});
