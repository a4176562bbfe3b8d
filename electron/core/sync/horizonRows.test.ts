import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SOURCE_CONFIG as CFG } from '../config.js';
import { formatDecimal } from '../domain/amount.js';
import type { OperationRecord, PaymentRecord } from '../sources/horizon.js';
import { hasShared, SC_DATA_DIR, sharedFixture } from '../../testkit/sharedDir.js';
import { readScTable } from '../../testkit/fakeWorld/scData.js';
import { decodeMemo, distributionTxRow, isDistributionOutflow, isMintPayment, isSinkPayment, mintPayment, paymentData, sinkingTxRow } from './horizonRows.js';

const read = <T>(...p: string[]) => JSON.parse(fs.readFileSync(sharedFixture(...p), 'utf8')) as T;

describe('memo decoding', () => {
  it('keeps text, turns a hash memo into hex, and none into null', () => {
    expect(decodeMemo({ hash: 'x', created_at: '', memo_type: 'text', memo: 'natgas 555 m³' })).toEqual({ memo_type: 'text', memo_value: 'natgas 555 m³' });
    expect(decodeMemo({ hash: 'x', created_at: '', memo_type: 'hash', memo: 'k3i45gdapwx6MnTH9ywy6DY32OCzFVCfil0m6MXHxfY=' })).toEqual({
      memo_type: 'hash',
      memo_value: '9378b8e6075aa70c7a3274c7f72c32e83637d8e0b315509f8a5d26e8c5c7c5f6',
    });
    expect(decodeMemo({ hash: 'x', created_at: '', memo_type: 'none' })).toEqual({ memo_type: 'none', memo_value: null });
  });

  it('refuses memo types the table cannot hold, and a missing join', () => {
    expect(() => decodeMemo({ hash: 'x', created_at: '', memo_type: 'id', memo: '12' })).toThrow(/memo type "id"/);
    expect(() => decodeMemo(undefined)).toThrow(/join=transactions/);
  });
});

describe('funder and assets from the operations', () => {
  const op = (o: Partial<OperationRecord>): OperationRecord => ({ id: '1', paging_token: '1', type: 'x', type_i: 1, transaction_hash: 'h', ...o });
  it('takes the first payment-like op; a native source becomes XLM without issuer', () => {
    const ops = [
      op({ type_i: 6 }),
      op({ type_i: 13, from: 'GF', asset_code: 'USDC', asset_issuer: 'GU', amount: '11.0000000', source_asset_type: 'native', source_amount: '100.5000000' }),
      op({ type_i: 1, from: 'GX', asset_code: 'CARBON', asset_issuer: 'GC', amount: '1.0000000' }),
    ];
    expect(paymentData(ops)).toEqual({
      funder: 'GF', source_asset_code: 'XLM', source_asset_issuer: null, source_asset_amount: 1005000000n,
      dest_asset_code: 'USDC', dest_asset_issuer: 'GU', dest_asset_amount: 110000000n,
    });
  });
  it('errors when no payment op exists', () => {
    expect(() => paymentData([op({ type_i: 6 })])).toThrow(/no payment operation/);
  });
});

describe.skipIf(!hasShared)('payment filters and row mapping on the captured payloads', () => {
  it('keeps only the genuine mint of the doctored filter records', () => {
    const recs = read<PaymentRecord[]>('horizon', 'mint_filter_payment_records.json');
    expect(recs.filter((r) => isMintPayment(r, CFG))).toHaveLength(1);
    expect(recs.filter((r) => isMintPayment(r, CFG))[0]).toBe(recs[0]);
  });

  it('keeps the 5 distribution outflows summing 8.616 CARBON', () => {
    const kept = read<PaymentRecord[]>('horizon', 'distribution_payments.json').filter((r) => isDistributionOutflow(r, CFG));
    expect(kept).toHaveLength(5);
    expect(formatDecimal(kept.map(distributionTxRow).reduce((s, r) => s + r.carbon_amount, 0n), 3)).toBe('8.616');
  });

  it('maps the 9 real mints to the dump’s block hashes, tx hashes, times, toids and sizes', () => {
    const mints = read<PaymentRecord[]>('horizon', 'minting_payments.json').filter((r) => isMintPayment(r, CFG)).map(mintPayment);
    const blocks = readScTable(SC_DATA_DIR, 'minted_blocks');
    expect(mints.map((m) => [m.serial_hash, m.transaction_hash, m.created_at, m.toid, BigInt(m.size)])).toEqual(
      blocks.map((b) => [b.serial_hash, b.transaction_hash, b.created_at, b.toid, (b.block_end as bigint) - (b.block_start as bigint) + 1n]),
    );
  });

  it('maps the 20 captured sinks to the first 20 dump rows (the doctored memo of 5af83162 aside)', () => {
    const page = read<{ _embedded: { records: PaymentRecord[] } }>('horizon', 'sinking_payments_page.json')._embedded.records;
    const ops = read<{ transactions: Record<string, { _embedded: { records: OperationRecord[] } }> }>('horizon', 'derived_sinking_tx_operations.json').transactions;
    const rows = page.filter((r) => isSinkPayment(r, CFG)).map((r) => sinkingTxRow(r, ops[r.transaction_hash]?._embedded.records ?? []));
    const dump = readScTable(SC_DATA_DIR, 'sinking_txs').slice(0, 20);
    expect(rows).toHaveLength(20);
    rows.forEach((row, i) => {
      const expected = { ...dump[i] };
      if (row.hash.startsWith('5af83162')) {
        expect(row.memo_type).toBe('hash');
        expect(row.memo_value).toBe('9378b8e6075aa70c7a3274c7f72c32e83637d8e0b315509f8a5d26e8c5c7c5f6');
        Object.assign(expected, { memo_type: 'hash', memo_value: row.memo_value });
      }
      expect({ ...row, vcs_project_id: BigInt(row.vcs_project_id) }, row.hash).toEqual(expected);
    });
  });
});
