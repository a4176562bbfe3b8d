import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyWithSources } from '../audit/verifyOnline.js';
import { Engine } from '../engine.js';
import { runSync } from './runSync.js';
import { hasShared, SC_DATA_DIR } from '../../testkit/sharedDir.js';
import { callToid, obsrvrRows, SINK_CALLS, withSinkCalls } from '../../testkit/contractCalls/calls.js';
import { appendInvocations, createInvocationsTable, dropTable, PG_REQUIRED, TEST_PG_DSN } from '../../testkit/contractCalls/obsrvrTable.js';
import { startFakeWorld, worldFromScData, type FakeWorldServer } from '../../testkit/fakeWorld/index.js';

const http = { sleep: () => Promise.resolve(), maxRetries: 1 };
const TABLE = `sink_invocations_${process.pid}`;

// A real PostgreSQL (CI starts one and sets SC_TEST_PG_DSN): skipped only outside CI when none is running.
describe.skipIf(!hasShared || (!TEST_PG_DSN && !PG_REQUIRED))('contract-call sales from Obsrvr Flow (PostgreSQL)', () => {
  const dsn = TEST_PG_DSN ?? '';
  let world: FakeWorldServer | undefined;
  let engine: Engine | undefined;
  beforeAll(() => {
    if (!dsn) throw new Error('SC_TEST_PG_DSN is not set: CI must start PostgreSQL (scripts/ci/start-postgres.sh)');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    engine?.close();
    await world?.close();
    engine = world = undefined;
  });
  afterAll(async () => {
    if (dsn) await dropTable(dsn, TABLE);
  });

  async function setUp(env: Record<string, string>): Promise<Engine> {
    world = await startFakeWorld(withSinkCalls(worldFromScData(SC_DATA_DIR)));
    for (const [k, v] of Object.entries({ ...world.settings, ...env })) vi.stubEnv(k, v);
    engine = new Engine(':memory:');
    return engine;
  }
  const contractRows = (e: Engine) =>
    e.reader().prepare('SELECT hash, toid, created_at, carbon_amount, memo_type FROM sinking_txs WHERE contract_id IS NOT NULL ORDER BY toid').safeIntegers(true).all() as Record<string, unknown>[];

  it("loads the table's rows after the cursor with Obsrvr's TOIDs, then only new ones, and Horizon confirms them", async () => {
    await createInvocationsTable(dsn, TABLE, obsrvrRows(SINK_CALLS.slice(0, 5)));
    const e = await setUp({ SC_OBSRVR_FLOW_DB_URI: dsn, SC_OBSRVR_FLOW_TABLE: TABLE });
    const first = await runSync(e, { via: 'test', fresh: true, http });
    expect(first.contractCalls).toBe('obsrvr');
    expect(first.counts.find((c) => c.step === 'sink-contract-calls')?.loaded).toBe(5);
    const rows = contractRows(e);
    expect(rows.map((r) => r.toid)).toEqual(SINK_CALLS.slice(0, 5).map(callToid));
    expect(rows[0]).toMatchObject({ created_at: '2025-06-01T00:00:00', carbon_amount: 1234n, memo_type: 'text' });
    expect(rows[2]).toMatchObject({ memo_type: 'none' });

    await appendInvocations(dsn, TABLE, obsrvrRows().slice(5));
    const second = await runSync(e, { via: 'test', http });
    expect(second.counts.find((c) => c.step === 'sink-contract-calls')?.loaded).toBe(1);
    expect(contractRows(e)).toHaveLength(6);
    expect((await runSync(e, { via: 'test', http })).counts.find((c) => c.step === 'sink-contract-calls')?.loaded).toBe(0);

    const report = await verifyWithSources(e, { via: 'test', http });
    expect(report.provenance?.summary).toMatchObject({ bootstrapped: 6, confirmed: 6, differs: 0 });
  });

  it('an unreachable database is a clear error that names it without its password, and writes nothing', async () => {
    const e = await setUp({ SC_OBSRVR_FLOW_DB_URI: 'postgresql://auditor:hunter2@127.0.0.1:1/flow' });
    const err = await runSync(e, { via: 'test', fresh: true, http }).then(() => null, (x: unknown) => x as Error & { code: string });
    expect(err?.code).toBe('SOURCE_ERROR');
    expect(err?.message).toMatch(/^sink-contract-calls \(Obsrvr Flow or Mercury Retroshades\): Obsrvr Flow \(postgresql:\/\/auditor:\*\*\*@127\.0\.0\.1:1\/flow, table extracted_contract_invocations\): .*ECONNREFUSED/);
    expect(err?.message).not.toContain('hunter2');
    expect(contractRows(e)).toEqual([]);
  });

  it('a missing table is named', async () => {
    const e = await setUp({ SC_OBSRVR_FLOW_DB_URI: dsn, SC_OBSRVR_FLOW_TABLE: 'no_such_table' });
    const err = await runSync(e, { via: 'test', fresh: true, http }).then(() => null, (x: unknown) => x as Error);
    expect(err?.message).toMatch(/table no_such_table\): relation "no_such_table" does not exist/);
  });

  it('both indexers set is a configuration error; neither is a skipped step that verify reports', async () => {
    const both = await setUp({ SC_OBSRVR_FLOW_DB_URI: dsn, SC_MERCURY_KEY: 'k' });
    const err = await runSync(both, { via: 'test', fresh: true, http }).then(() => null, (x: unknown) => x as Error & { code: string });
    expect(err?.code).toBe('BAD_INPUT');
    expect(err?.message).toMatch(/SC_OBSRVR_FLOW_DB_URI and SC_MERCURY_KEY are both set/);
    both.close();
    await world?.close();
    vi.unstubAllEnvs();

    const neither = await setUp({});
    const progress: string[] = [];
    const r = await runSync(neither, { via: 'test', fresh: true, http, onProgress: (p) => p.step === 'sink-contract-calls' && p.message && progress.push(p.message) });
    expect(r.contractCalls).toBeNull();
    expect(progress).toContainEqual(expect.stringMatching(/^skipped: neither SC_OBSRVR_FLOW_DB_URI nor SC_MERCURY_KEY is set/));
    const report = await verifyWithSources(neither, { via: 'test', http });
    expect(report.checks.find((c) => c.id === 'contract-calls')).toMatchObject({ status: 'findings', count: 1 });
  });
});
