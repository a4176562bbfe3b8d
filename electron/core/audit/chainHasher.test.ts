import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainStep, GENESIS_HASH } from './chain.js';
import { chainHasher } from './chainHasher.js';

/** The chain over `batches` link by link, as chainStep makes it. */
function expected(prev: string, batches: readonly string[][]): string[][] {
  return batches.map((b) => b.map((c) => (prev = chainStep(prev, c))));
}

const TEXT = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('', '\ud800 lone surrogate', '"{}"'));

describe('chainHasher: the chain of a run of batches, in place or on a thread', () => {
  it('both give chainStep’s hashes, batch by batch, continuing the chain across batches', () => {
    fc.assert(
      fc.property(fc.array(fc.array(TEXT, { maxLength: 20 }), { minLength: 1, maxLength: 6 }), (batches) => {
        for (const threaded of [false, true]) {
          const hasher = chainHasher('a'.repeat(64), threaded);
          try {
            for (const b of batches) hasher.post(b);
            expect(batches.map(() => hasher.take())).toEqual(expected('a'.repeat(64), batches));
          } finally {
            hasher.close();
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it('takes interleaved with posts, as the bulk writer does (post the next, take the one before)', () => {
    const batches = Array.from({ length: 5 }, (_, k) => Array.from({ length: 3000 }, (_, i) => `{"seq":${k * 3000 + i}}`));
    const hasher = chainHasher(GENESIS_HASH, true);
    const got: string[][] = [];
    try {
      batches.forEach((b, k) => {
        hasher.post(b);
        if (k > 0) got.push(hasher.take());
      });
      got.push(hasher.take());
    } finally {
      hasher.close();
    }
    expect(got).toEqual(expected(GENESIS_HASH, batches));
  });

  it('taking more than was posted is an error, not a wait', () => {
    const inPlace = chainHasher(GENESIS_HASH, false);
    expect(() => inPlace.take()).toThrow(/no batch to take/);
  });

  it('a thread that cannot hash (an entry that is not text) is named in the error', () => {
    const hasher = chainHasher(GENESIS_HASH, true);
    try {
      hasher.post([{ toString: null } as unknown as string]);
      expect(() => hasher.take()).toThrow(/^chain hasher: /);
    } finally {
      hasher.close();
    }
  });
});
