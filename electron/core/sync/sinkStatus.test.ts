import { describe, expect, it } from 'vitest';
import { fillSinkStatuses, type OpenSale } from './sinkStatus.js';

const H = (c: string) => c.repeat(64);
const sales = (...s: [string, bigint, bigint?][]) => new Map<string, OpenSale>(s.map(([h, amt, filled]) => [h, { hash: h, carbon_amount: amt, filled: filled ?? 0n }]));
const ret = (id: number, vcu: number, hashes: string[], filled = 0n, has: string[] = []) => ({
  certificate_id: id, retirement_details: `stellarcarbon.io ${hashes.join(' ')}`, amount: BigInt(vcu) * 1000n, filled, has: new Set(has),
});

describe('sink status filling', () => {
  it('fills a sale partly and leaves it open', () => {
    expect(fillSinkStatuses([ret(152453, 3, [H('a')])], sales([H('a'), 3015n]))).toEqual([
      { sinking_tx_hash: H('a'), certificate_id: 152453, amount_filled: 3000n, finalized: 0 },
    ]);
  });

  it('spreads one retirement over several sales, finalizing each that is full', () => {
    const rows = fillSinkStatuses([ret(188439, 2, [H('a'), H('b'), H('c')])], sales([H('a'), 1000n], [H('b'), 500n], [H('c'), 800n]));
    expect(rows.map((r) => [r.amount_filled, r.finalized])).toEqual([[1000n, 1], [500n, 1], [500n, 0]]);
  });

  it('lets a later retirement finish a partly filled sale, skipping sales it already has', () => {
    const s = sales([H('a'), 1500n, 1000n], [H('b'), 1000n]);
    const rows = fillSinkStatuses([ret(2, 2, [H('b'), H('a')], 1000n, [H('b')])], s);
    expect(rows).toEqual([{ sinking_tx_hash: H('a'), certificate_id: 2, amount_filled: 500n, finalized: 1 }]);
  });

  it('refuses a sale that is already fully retired, naming it', () => {
    expect(() => fillSinkStatuses([ret(7, 1, [H('a')])], sales([H('a'), 1000n, 1000n]))).toThrow(new RegExp(`certificate 7 names sinking tx ${H('a')}, which is already fully retired`));
  });

  it('refuses a sale that is not loaded and details without the stellarcarbon tag', () => {
    // A sale that is not loaded (a contract-call sale without an indexer) is skipped and named; the others fill.
    const unknown: { certificate_id: number; hash: string }[] = [];
    expect(fillSinkStatuses([ret(8, 2, [H('d'), H('a')])], sales([H('a'), 1000n]), unknown)).toEqual([
      { sinking_tx_hash: H('a'), certificate_id: 8, amount_filled: 1000n, finalized: 1 },
    ]);
    expect(unknown).toEqual([{ certificate_id: 8, hash: H('d') }]);
    expect(() => fillSinkStatuses([{ ...ret(9, 1, []), retirement_details: 'someone else' }], sales())).toThrow(/stellarcarbon/);
  });
});
