import { describe, expect, it } from 'vitest';
import { coverRetirements, type BlockRange } from './coverage.js';

const serial = (a: number, b: number) => `8040-${a}-${b}-VCU-042-MER-PE-14-1360-01072013-30062014-1`;
const blocks = (): BlockRange[] => [
  { serial_hash: 'A', block_start: 1, block_end: 10, remaining: 10 },
  { serial_hash: 'B', block_start: 11, block_end: 20, remaining: 10 },
];
const ret = (id: number, a: number, b: number) => ({ certificate_id: id, serial_number: serial(a, b), vcu_amount: b - a + 1, covered: 0, linked: new Set<string>() });

describe('retirement coverage', () => {
  it('links every overlapping block with the overlap size', () => {
    expect(coverRetirements([ret(1, 8, 12)], blocks())).toEqual([
      { retirement_id: 1, block_hash: 'A', vcu_amount: 3 },
      { retirement_id: 1, block_hash: 'B', vcu_amount: 2 },
    ]);
  });

  it('refuses to overspend a block, counting earlier retirements of the same run', () => {
    const b = blocks();
    b[0]!.remaining = 2;
    expect(() => coverRetirements([ret(5, 1, 3)], b)).toThrow(/certificate 5 from block A would overspend it/);
  });

  it('refuses a retirement no block covers', () => {
    expect(() => coverRetirements([ret(9, 18, 25)], blocks())).toThrow(/certificate 9 .* not fully covered .*3 of 8/);
  });
});
