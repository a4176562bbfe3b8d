import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveStatus } from '../../../shared/api/live.js';
import type { DataChanged } from '../../../shared/events.js';
import { dispatch } from '../api/dispatch.js';
import { createHandlers } from '../api/handlers.js';
import { DEFAULT_SOURCE_CONFIG } from '../config.js';
import type { Engine } from '../engine.js';
import { acquireLock, releaseLock } from '../jobs/syncLock.js';
import { runSync } from '../sync/runSync.js';
import { hasShared, SC_DATA_DIR } from '../../testkit/sharedDir.js';
import { worldFromScData } from '../../testkit/fakeWorld/fromScData.js';
import { appendNewSale } from '../../testkit/fakeWorld/newSale.js';
import { startFakeWorld, type FakeWorldServer } from '../../testkit/fakeWorld/server.js';
import { until } from '../../testkit/reliability/child.js';
import { TempEngines } from '../../testkit/tempEngines.js';
import { startLiveMode, type LiveMode } from './liveMode.js';

const SINK = DEFAULT_SOURCE_CONFIG.sinkIssuer;

/** Live mode over the fake Horizon's streams: it waits for a first catch-up, then loads new records by itself. */
describe.skipIf(!hasShared)('live mode', () => {
  let server: FakeWorldServer;
  let engines: TempEngines;
  let engine: Engine;
  let live: LiveMode | null = null;
  const saleStored = (hash: string) => engine.reader().prepare('SELECT 1 FROM sinking_txs WHERE hash = ?').get(hash) !== undefined;

  beforeEach(async () => {
    server = await startFakeWorld(worldFromScData(SC_DATA_DIR));
    for (const [k, v] of Object.entries(server.settings)) vi.stubEnv(k, v);
    engines = new TempEngines('sc-live-');
    engine = engines.engine(engines.dbFile());
  });
  afterEach(async () => {
    live?.close();
    live = null;
    engines.cleanUp();
    vi.unstubAllEnvs();
    await server.close();
  });

  it('waits for the first catch-up, then a sale on the stream is loaded, recorded as a live load and refreshes views', async () => {
    live = startLiveMode(engine, { settleMs: 10 });
    expect(live.status()).toMatchObject({ state: 'waiting', available: true, streams: [] });
    expect(server.streams.open).toBe(0);

    await runSync(engine, { fresh: true, verify: false });
    await until(() => live?.status().state === 'live', 10_000, 'live');
    expect(live.status().streams.map((s) => [s.name, s.state])).toEqual([['sinks', 'open'], ['distribution', 'open'], ['mints', 'open']]);

    const changed: DataChanged[] = [];
    engine.events.on('data.changed', (c) => changed.push(c));
    const sale = await appendNewSale(server.url, SINK);
    await until(() => saleStored(sale.hash), 15_000, 'the new sale in the database');
    expect(live.status().streams.find((s) => s.name === 'sinks')?.lastId).toBe(sale.pagingToken);
    // The load's operation announces its tables when it finishes (after its commit and the run's last checkpoint).
    await until(() => changed.some((c) => c.tables.includes('sinking_txs')), 15_000, 'data.changed naming sinking_txs');

    // Recorded operations like any load, with their change rows. The cloned sale's transaction also moves CARBON
    // out of the distributor (as real sales do): the distribution stream ran its step too.
    const liveOps = () =>
      engine.reader().prepare(`SELECT id, kind, via, params, status FROM audit_operations WHERE via = 'live' ORDER BY started_at`).all() as { id: string; kind: string; params: string; status: string }[];
    await until(() => liveOps().length === 2 && liveOps().every((o) => o.status !== 'running'), 15_000, 'both live loads');
    const op = liveOps().filter((o) => JSON.parse(o.params).target === 'sinking-txs');
    expect(live.status().lastLoad).toMatchObject({ loaded: 1, error: null, target: expect.stringMatching(/^(sinking|distribution)-txs$/) });
    expect(liveOps().map((o) => [o.kind, JSON.parse(o.params).target, o.status]).sort()).toEqual([['load', 'distribution-txs', 'ok'], ['load', 'sinking-txs', 'ok']]);
    const rows = engine.reader().prepare(`SELECT table_name, kind, record_key FROM audit_changes WHERE operation_id = ? AND table_name = 'sinking_txs'`).all(op[0]?.id);
    expect(rows).toEqual([{ table_name: 'sinking_txs', kind: 'insert', record_key: expect.stringContaining(sale.hash) }]);
  });

  it('is turned off and on for the session through the API, and starts off with SC_LIVE=off', async () => {
    await runSync(engine, { fresh: true, verify: false });
    live = startLiveMode(engine, { settleMs: 10 });
    const handlers = createHandlers(engine);
    await until(() => live?.status().state === 'live', 10_000, 'live');
    const states: LiveStatus['state'][] = [];
    engine.events.on('live.state', (s) => states.push(s.state));

    const off = await dispatch(handlers, 'live.set', { enabled: false }, { via: 'test' });
    expect(off).toMatchObject({ ok: true, value: { state: 'off', reason: 'turned off for this session' } });
    await until(() => server.streams.open === 0, 5_000, 'the streams to close');
    // Off: a new sale is not loaded by itself.
    const sale = await appendNewSale(server.url, SINK);
    await new Promise((r) => setTimeout(r, 300));
    expect(saleStored(sale.hash)).toBe(false);

    await dispatch(handlers, 'live.set', { enabled: true }, { via: 'test' });
    await until(() => live?.status().state === 'live', 10_000, 'live again');
    expect(states).toContain('off');
    live.close();

    vi.stubEnv('SC_LIVE', 'off');
    live = startLiveMode(engine);
    expect(live.status()).toMatchObject({ state: 'off', reason: 'turned off in Settings (SC_LIVE=off)' });
    await until(() => server.streams.open === 0, 5_000, 'the closed streams');
    await new Promise((r) => setTimeout(r, 100));
    expect(server.streams.open).toBe(0);
  });

  it('under serve --no-live it stays off and refuses to be turned on; without live mode the API says so', async () => {
    const handlers = createHandlers(engine);
    expect(await dispatch(handlers, 'live.status', {}, { via: 'test' })).toMatchObject({ ok: true, value: { state: 'off', available: false } });
    expect(await dispatch(handlers, 'live.set', { enabled: true }, { via: 'test' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    live = startLiveMode(engine, { available: false });
    expect(live.status()).toMatchObject({ state: 'off', available: false, reason: 'live mode is off in this process (serve --no-live)' });
    const res = await dispatch(handlers, 'live.set', { enabled: true }, { via: 'test' });
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('--no-live') } });
  });

  it('a record while another process holds the catch-up lock is loaded once the lock is free', async () => {
    await runSync(engine, { fresh: true, verify: false });
    live = startLiveMode(engine, { settleMs: 10, lockRetryMs: 50 });
    await until(() => live?.status().state === 'live', 10_000, 'live');
    // A lock row of another live process (our parent) on this host.
    engine
      .writer()
      .prepare(`INSERT INTO app_locks (name, purpose, actor, host, pid, token, acquired_at) VALUES ('sync', 'catch-up', 'other', ?, ?, 'other-token', ?)`)
      .run(os.hostname(), process.ppid, new Date().toISOString());
    const sale = await appendNewSale(server.url, SINK);
    await new Promise((r) => setTimeout(r, 400));
    expect(saleStored(sale.hash)).toBe(false);
    engine.writer().prepare(`DELETE FROM app_locks WHERE token = 'other-token'`).run();
    await until(() => saleStored(sale.hash), 15_000, 'the sale after the lock is free');
  });

  it('a catch-up asked for while a live load holds the lock waits for it; any other holder refuses it at once', async () => {
    let loading = true;
    engine.live = { loading: () => loading, status: () => { throw new Error('unused'); }, setEnabled: () => { throw new Error('unused'); }, close: () => undefined };
    const lock = acquireLock(engine.writer(), { purpose: 'load', actor: 'live' });
    const catchUp = runSync(engine, { fresh: true, verify: false, via: 'test' });
    await new Promise((r) => setTimeout(r, 300));
    releaseLock(engine.writer(), lock);
    loading = false;
    await expect(catchUp).resolves.toMatchObject({ counts: expect.arrayContaining([{ step: 'sinking-txs', loaded: expect.any(Number) }]) });

    const other = acquireLock(engine.writer(), { purpose: 'catch-up', actor: 'someone' });
    await expect(runSync(engine, { via: 'test', verify: false })).rejects.toMatchObject({ code: 'SYNC_RUNNING' });
    releaseLock(engine.writer(), other);
    engine.live = null;
  });
});
