import { describe, expect, it } from 'vitest';
import { boundedMap } from './boundedMap.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('boundedMap', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await boundedMap([5, 1, 4, 2, 3, 0, 6, 7, 8, 9], 3, async (x) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      for (let i = 0; i < x; i++) await tick();
      inFlight--;
      return x * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60, 70, 80, 90]);
    expect(peak).toBe(3);
  });

  it('starts nothing new after a failure, waits for the calls in flight, then throws the failure', async () => {
    const started: number[] = [];
    let settled = 0;
    const run = boundedMap([0, 1, 2, 3, 4, 5], 2, async (x) => {
      started.push(x);
      await tick();
      settled++;
      if (x === 1) throw new Error('boom 1');
      return x;
    });
    await expect(run).rejects.toThrow('boom 1');
    expect(started).toEqual([0, 1, 2]);
    expect(settled).toBe(started.length);
  });

  it('handles an empty list', async () => {
    expect(await boundedMap([], 8, () => Promise.resolve(1))).toEqual([]);
  });
});
