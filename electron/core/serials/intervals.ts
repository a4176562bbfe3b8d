/**
 * A set of disjoint half-open intervals [lo, hi) of integer positions, each carrying an owner: the kg positions of one
 * VCS project's credits and who holds them. Inserting reports the parts already owned (the overlaps) and takes only
 * the free parts, so the first owner of a position keeps it and every later claim on it is reported.
 *
 * Stored as a list of sorted chunks (each at most CHUNK intervals), so an insert costs a binary search plus a
 * splice inside one small chunk however many intervals are held: the serial check inserts a million fills.
 */
export interface Interval<T> {
  lo: number;
  hi: number;
  owner: T;
}

const CHUNK = 512;

export class IntervalSet<T> {
  private chunks: Interval<T>[][] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Claims [lo, hi) for `owner`; returns the parts other owners already hold (clipped, in position order). */
  insert(lo: number, hi: number, owner: T): Interval<T>[] {
    if (!(lo < hi)) return [];
    const overlaps = this.query(lo, hi);
    let at = lo;
    const free: Interval<T>[] = [];
    for (const o of overlaps) {
      if (o.lo > at) free.push({ lo: at, hi: o.lo, owner });
      at = o.hi;
    }
    if (at < hi) free.push({ lo: at, hi, owner });
    for (const f of free) this.place(f);
    return overlaps;
  }

  /** The held parts of [lo, hi), clipped to it, in position order. */
  query(lo: number, hi: number): Interval<T>[] {
    const out: Interval<T>[] = [];
    if (!(lo < hi)) return out;
    const first = this.chunkFor(lo);
    for (let c = first; c < this.chunks.length; c++) {
      const chunk = this.chunks[c] as Interval<T>[];
      for (let i = c === first ? firstEndingAfter(chunk, lo) : 0; i < chunk.length; i++) {
        const iv = chunk[i] as Interval<T>;
        if (iv.lo >= hi) return out;
        out.push({ lo: Math.max(iv.lo, lo), hi: Math.min(iv.hi, hi), owner: iv.owner });
      }
    }
    return out;
  }

  /** Every interval, in position order. */
  *[Symbol.iterator](): IterableIterator<Interval<T>> {
    for (const chunk of this.chunks) yield* chunk;
  }

  /** The first chunk whose last interval ends after `pos` (or the last chunk). */
  private chunkFor(pos: number): number {
    let a = 0;
    let b = this.chunks.length - 1;
    while (a < b) {
      const m = (a + b) >> 1;
      const chunk = this.chunks[m] as Interval<T>[];
      if ((chunk[chunk.length - 1] as Interval<T>).hi > pos) b = m;
      else a = m + 1;
    }
    return Math.max(a, 0);
  }

  /** Puts a free interval in order (callers guarantee it overlaps nothing). */
  private place(iv: Interval<T>): void {
    this.count++;
    if (this.chunks.length === 0) {
      this.chunks.push([iv]);
      return;
    }
    const c = this.chunkFor(iv.lo);
    const chunk = this.chunks[c] as Interval<T>[];
    chunk.splice(firstEndingAfter(chunk, iv.lo), 0, iv);
    if (chunk.length > 2 * CHUNK) this.chunks.splice(c, 1, chunk.slice(0, CHUNK), chunk.slice(CHUNK));
  }
}

/** Index of the first interval of a sorted chunk that ends after `pos` (chunk.length if none). */
function firstEndingAfter<T>(chunk: Interval<T>[], pos: number): number {
  let a = 0;
  let b = chunk.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if ((chunk[m] as Interval<T>).hi > pos) b = m;
    else a = m + 1;
  }
  return a;
}
