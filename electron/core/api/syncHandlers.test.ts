import type { VerifyReport } from '../../../shared/api/audit.js';
import type { SyncResult } from '../../../shared/api/sync.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobProgress } from '../../../shared/events.js';
import { Engine } from '../engine.js';
import { hasShared, SC_DATA_DIR } from '../../testkit/sharedDir.js';
import { worldFromScData } from '../../testkit/fakeWorld/fromScData.js';
import { startFakeWorld, type FakeWorldServer } from '../../testkit/fakeWorld/server.js';
import { dispatch } from './dispatch.js';
import { createHandlers } from './handlers.js';

describe.skipIf(!hasShared)('sync API', () => {
  let server: FakeWorldServer;
  let engine: Engine;
  beforeEach(async () => {
    server = await startFakeWorld(worldFromScData(SC_DATA_DIR));
    for (const [k, v] of Object.entries(server.settings)) vi.stubEnv(k, v);
    engine = new Engine(':memory:');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    engine.close();
    await server.close();
  });

  it('runs sync.catchUp as a job with progress events, then reports sync.status', async () => {
    const handlers = createHandlers(engine);
    const events: JobProgress[] = [];
    engine.events.on('job.progress', (p) => events.push(p));
    const res = await dispatch(handlers, 'sync.catchUp', { jobId: 'test-job-1', fresh: true }, { via: 'test' });
    expect(res).toEqual({
      ok: true,
      value: {
        counts: [
          { step: 'impact-projects', loaded: 1 }, { step: 'distribution-txs', loaded: 29 }, { step: 'sinking-txs', loaded: 31 },
          { step: 'sink-contract-calls', loaded: 0 }, { step: 'retirements', loaded: 17 }, { step: 'minted-blocks', loaded: 9 }, { step: 'retirement-from-block', loaded: 17 },
          { step: 'sink-statuses', loaded: 24 },
        ],
        latestLedger: server.world.horizon.latestLedger,
        bootstrap: null,
        bootstrapError: null,
        historyGaps: [],
        contractCalls: null,
        // The verify that follows the catch-up (its own operation), in the same job.
        verify: {
          ok: true,
          operationId: expect.any(String),
          checkedAt: expect.any(String),
          failed: [],
          findings: [
            { check: 'grace-period', count: 8, headline: '8 sales past the 90-day grace period (0.932 t not retired)' },
            { check: 'contract-calls', count: 1, headline: expect.stringMatching(/^contract-call sales are not being loaded/) },
          ],
        },
      },
    });
    expect(events.every((e) => e.jobId === 'test-job-1' && e.kind === 'catch-up')).toBe(true);
    expect(events.at(-1)?.state).toBe('done');
    expect(new Set(events.map((e) => e.step))).toContain('minted-blocks');
    expect(events.filter((e) => e.step === 'verify').at(-1)).toMatchObject({ done: 20, total: 20 });
    const stored = await dispatch(handlers, 'audit.lastVerify', {}, { via: 'test' });
    const verdict = res.ok ? (res.value as SyncResult).verify : null;
    expect(stored.ok && (stored.value as VerifyReport | null)?.operationId).toBe(verdict?.operationId);

    const status = await dispatch(handlers, 'sync.status', {}, { via: 'test' });
    expect(status.ok && status.value).toContainEqual({ source: 'sinking-txs', cursor: '251359344637140998', lastRunAt: expect.any(String), latestLedger: server.world.horizon.latestLedger });

    const load = await dispatch(handlers, 'sync.load', { target: 'associations' }, { via: 'test' });
    expect(load).toEqual({
      ok: true,
      value: { counts: [{ step: 'retirement-from-block', loaded: 0 }, { step: 'sink-statuses', loaded: 0 }], latestLedger: server.world.horizon.latestLedger, bootstrap: null, bootstrapError: null, historyGaps: [], contractCalls: null, verify: null },
    });
  });

  it('refuses an unknown load target before running anything', async () => {
    const res = await dispatch(createHandlers(engine), 'sync.load', { target: 'everything' }, { via: 'test' });
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
