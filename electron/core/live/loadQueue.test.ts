import { describe, expect, it } from 'vitest';
import { until } from '../../testkit/reliability/child.js';
import { LoadQueue } from './loadQueue.js';

/** The live loads: a burst runs once, one asked for while running runs again after, a refused one is retried. */
describe('LoadQueue', () => {
  it('runs a burst of the same key once, and once more when asked for again while it runs', async () => {
    const runs: string[] = [];
    let release: () => void = () => undefined;
    const queue = new LoadQueue<string>(
      async (k) => {
        runs.push(k);
        if (runs.length === 1) await new Promise<void>((r) => (release = r));
        return true;
      },
      { settleMs: 5, retryMs: 5 },
    );
    for (let i = 0; i < 5; i++) queue.add('sinks');
    await until(() => runs.length === 1, 2000, 'the first run');
    queue.add('sinks');
    queue.add('mints');
    release();
    await until(() => runs.length === 3, 2000, 'the runs after');
    expect(runs).toEqual(['sinks', 'sinks', 'mints']);
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toHaveLength(3);
    queue.close();
  });

  it('tries a key again after retryMs while its run says not yet, and drops everything once closed', async () => {
    let refusals = 2;
    const runs: number[] = [];
    const queue = new LoadQueue<string>(
      async () => {
        runs.push(Date.now());
        return refusals-- <= 0;
      },
      { settleMs: 1, retryMs: 20 },
    );
    queue.add('sinks');
    await until(() => runs.length === 3, 2000, 'two retries');
    expect(queue.pending()).toEqual([]);
    queue.add('distribution');
    queue.close();
    await new Promise((r) => setTimeout(r, 40));
    expect(runs).toHaveLength(3);
  });
});
