import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../domain/hash.js';
import { indexPool, POOL_SUB_ACCOUNT, resolveBlocks } from './blocks.js';
import type { MintPayment } from './horizonRows.js';

const serial = (a: number, b: number) => `8040-${a}-${b}-VCU-042-MER-PE-14-1360-01072013-30062014-1`;
let n = 0;
const mint = (a: number, b: number): MintPayment => ({
  serial_hash: sha256Hex(serial(a, b)),
  transaction_hash: (++n).toString(16).padStart(64, '0'),
  created_at: '2022-02-01T00:02:09',
  size: b - a + 1,
  toid: BigInt(1000 + n),
});
const batch = (a: number, b: number, sub = 99) => ({ serial_number: serial(a, b), quantity_of_credits: b - a + 1, sub_account_id: sub, sub_account_name: 'Other' });

describe('block reconstruction', () => {
  it('takes a pristine block from the pool report, with its sub-account', () => {
    const [row] = resolveBlocks([mint(10, 19)], indexPool([batch(10, 19)]), null, []);
    expect(row).toMatchObject({ serial_number: serial(10, 19), block_start: 10, block_end: 19, sub_account_id: 99, vintage_start: '2013-07-01', vintage_end: '2014-06-30', vcs_project_id: 1360 });
  });

  it('chains from the newest stored block, then from each block rebuilt in this run', () => {
    const prev = { serial_number: serial(1, 5), sub_account_id: 42, sub_account_name: 'Prev' };
    const rows = resolveBlocks([mint(6, 6), mint(7, 30)], new Map(), prev, []);
    expect(rows.map((r) => [r.block_start, r.block_end, r.sub_account_id])).toEqual([[6, 6, 42], [7, 30, 42]]);
  });

  it('does not chain from a pristine block of the same run (as sc-audit)', () => {
    // 5-5 would continue 2-4, but 2-4 is pristine; its chain predecessor is 1-1, so it cannot be resolved.
    const mints = [mint(1, 1), mint(2, 4), mint(5, 5)];
    expect(() => resolveBlocks(mints, indexPool([batch(2, 4)]), null, [{ certificate_id: 7, serial_number: serial(1, 1) }])).toThrow(
      new RegExp(`serial hash ${mints[2]?.serial_hash}`),
    );
  });

  it('starts a block where an unlinked retirement starts, in the Pool sub-account', () => {
    const [row] = resolveBlocks([mint(275, 275)], new Map(), null, [
      { certificate_id: 1, serial_number: serial(500, 500) },
      { certificate_id: 2, serial_number: serial(275, 275) },
    ]);
    expect(row).toMatchObject({ block_start: 275, block_end: 275, sub_account_id: POOL_SUB_ACCOUNT.id, sub_account_name: POOL_SUB_ACCOUNT.name });
  });

  it('names the serial hash when nothing matches', () => {
    const m = mint(800, 810);
    expect(() => resolveBlocks([m], new Map(), { serial_number: serial(1, 5), sub_account_id: 1, sub_account_name: 'x' }, [])).toThrow(
      new RegExp(`no serial number found for serial hash ${m.serial_hash}`),
    );
  });
});
