import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntervalSet, type Interval } from './intervals.js';

/** The naive model: an array with one owner (or none) per position. */
class PositionArray {
  readonly owners: (number | undefined)[] = [];
  /** Claims the free positions of [lo, hi); returns each position some other owner already had. */
  insert(lo: number, hi: number, owner: number): [number, number][] {
    const taken: [number, number][] = [];
    for (let p = lo; p < hi; p++) {
      const held = this.owners[p];
      if (held === undefined) this.owners[p] = owner;
      else taken.push([p, held]);
    }
    return taken;
  }
  query(lo: number, hi: number): [number, number][] {
    const out: [number, number][] = [];
    for (let p = lo; p < hi; p++) if (this.owners[p] !== undefined) out.push([p, this.owners[p] as number]);
    return out;
  }
}

/** Intervals spelled out position by position, for comparing with the model. */
const positions = (ivs: Interval<number>[]): [number, number][] => ivs.flatMap((iv) => Array.from({ length: iv.hi - iv.lo }, (_, i) => [iv.lo + i, iv.owner] as [number, number]));

const span = (max: number) => fc.tuple(fc.nat(max), fc.nat(40)).map(([lo, len]) => [lo, lo + len] as const);

describe('IntervalSet', () => {
  it('reports exactly the positions already owned, and keeps the first owner, as a position array does', () => {
    fc.assert(
      fc.property(fc.array(span(300), { maxLength: 120 }), fc.array(span(340), { maxLength: 10 }), (inserts, queries) => {
        const set = new IntervalSet<number>();
        const model = new PositionArray();
        inserts.forEach(([lo, hi], owner) => {
          const got = set.insert(lo, hi, owner);
          expect(positions(got)).toEqual(model.insert(lo, hi, owner));
          // Overlaps come back sorted, disjoint and inside the claim.
          got.forEach((iv, i) => {
            expect(iv.lo).toBeGreaterThanOrEqual(lo);
            expect(iv.hi).toBeLessThanOrEqual(hi);
            if (i > 0) expect(iv.lo).toBeGreaterThanOrEqual((got[i - 1] as Interval<number>).hi);
          });
        });
        for (const [lo, hi] of queries) expect(positions(set.query(lo, hi))).toEqual(model.query(lo, hi));
        expect(positions([...set])).toEqual(model.query(0, 400));
      }),
      { numRuns: 300 },
    );
  });

  it('stays ordered across chunk splits (thousands of intervals inserted out of order)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1_000_000), { minLength: 2000, maxLength: 3000 }), (starts) => {
        const set = new IntervalSet<number>();
        const owner = new Map<number, number>();
        starts.forEach((s, i) => {
          const lo = s * 2;
          const clash = set.insert(lo, lo + 2, i);
          if (owner.has(lo)) expect(clash).toEqual([{ lo, hi: lo + 2, owner: owner.get(lo) }]);
          else {
            expect(clash).toEqual([]);
            owner.set(lo, i);
          }
        });
        const all = [...set];
        expect(all.map((iv) => [iv.lo, iv.owner])).toEqual([...owner.entries()].sort((a, b) => a[0] - b[0]));
        expect(set.size).toBe(owner.size);
      }),
      // No shrinking: a few thousand intervals shrink for minutes.
      { numRuns: 5, endOnFailure: true },
    );
  });

  it('ignores empty claims and answers empty queries', () => {
    const set = new IntervalSet<string>();
    expect(set.insert(5, 5, 'a')).toEqual([]);
    expect(set.query(0, 10)).toEqual([]);
    set.insert(0, 10, 'a');
    expect(set.query(3, 3)).toEqual([]);
    expect(set.insert(8, 12, 'b')).toEqual([{ lo: 8, hi: 10, owner: 'a' }]);
    expect(set.query(0, 20)).toEqual([
      { lo: 0, hi: 10, owner: 'a' },
      { lo: 10, hi: 12, owner: 'b' },
    ]);
  });
});
