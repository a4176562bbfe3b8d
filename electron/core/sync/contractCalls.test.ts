import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyWithSources } from '../audit/verifyOnline.js';
import { makeToid } from '../domain/toid.js';
import { Engine } from '../engine.js';
import { carbonStats } from '../views/stats.js';
import { runSync } from './runSync.js';
import { hasShared, SC_DATA_DIR } from '../../testkit/sharedDir.js';
import { LONG_MEMO, mercuryEvents, SINK_CALLS, SINK_CONTRACT, withSinkCalls } from '../../testkit/contractCalls/calls.js';
import { startFakeMercury, type FakeMercury } from '../../testkit/contractCalls/fakeMercury.js';
import { startFakeWorld, worldFromScData, type FakeWorldServer } from '../../testkit/fakeWorld/index.js';

const http = { sleep: () => Promise.resolve(), maxRetries: 1 };
type Row = Record<string, unknown>;

describe.skipIf(!hasShared)('contract-call sales from Mercury Retroshades', () => {
  let world: FakeWorldServer | undefined;
  let mercury: FakeMercury | undefined;
  let engine: Engine | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    engine?.close();
    await world?.close();
    await mercury?.close();
    engine = world = mercury = undefined;
  });

  async function setUp(events = mercuryEvents(), key?: string): Promise<Engine> {
    world = await startFakeWorld(withSinkCalls(worldFromScData(SC_DATA_DIR)));
    mercury = await startFakeMercury(events);
    for (const [k, v] of Object.entries(world.settings)) vi.stubEnv(k, v);
    vi.stubEnv('SC_RETROSHADES_URL', mercury.url);
    vi.stubEnv('SC_MERCURY_KEY', key ?? mercury.key);
    engine = new Engine(':memory:');
    return engine;
  }
  const contractRows = (e: Engine) =>
    e.reader().prepare('SELECT * FROM sinking_txs WHERE contract_id IS NOT NULL ORDER BY toid').safeIntegers(true).all() as Row[];

  it("loads each call with sc-audit's mapping, right after the classic sales", async () => {
    const e = await setUp();
    const result = await runSync(e, { via: 'test', fresh: true, http });
    expect(result.contractCalls).toBe('mercury');
    expect(result.counts.map((c) => c.step).slice(2, 4)).toEqual(['sinking-txs', 'sink-contract-calls']);
    expect(result.counts.find((c) => c.step === 'sink-contract-calls')?.loaded).toBe(6);
    expect(mercury?.log[0]).toEqual({ authorization: mercury?.key, query: `SELECT * FROM sink_event${mercury?.md5} WHERE ledger > 38375548`, status: 200 });

    const rows = contractRows(e);
    const [first, second, third, fourth, fifth, sixth] = rows;
    // 12,345,678 stroops = 1.2345678 t, rounded down to the kilogram; CARBON of the issuer as both assets.
    expect(first).toMatchObject({
      hash: SINK_CALLS[0]?.hash, created_at: '2025-06-01T00:00:00', contract_id: SINK_CONTRACT, carbon_amount: 1234n,
      source_asset_code: 'CARBON', source_asset_issuer: 'GCBOATLWKXACOWKRRWORARDI2HFDSYPALMTS23YBZKHOB6XLW6CARBON', source_asset_amount: 12_340_000n,
      dest_asset_code: 'CARBON', dest_asset_amount: 12_340_000n, vcs_project_id: 1360n, memo_type: 'text', memo_value: 'offset 2025',
      toid: makeToid(58_000_001, 65_536, 0),
    });
    expect(second).toMatchObject({ vcs_project_id: 1360n, recipient: SINK_CALLS[1]?.recipient, funder: SINK_CALLS[1]?.funder });
    expect(third).toMatchObject({ vcs_project_id: 1360n, memo_type: 'none', memo_value: null, carbon_amount: 1000n });
    // Cut to 64 UTF-8 bytes at a character boundary: the 2-byte é straddling byte 64 is dropped.
    expect(fourth?.memo_value).toBe(LONG_MEMO.slice(0, 63));
    // Two calls in one ledger: TOID(ledger, 65536 + n, 0) in the order of the answer.
    expect([fifth?.toid, sixth?.toid]).toEqual([makeToid(58_000_005, 65_536, 0), makeToid(58_000_005, 65_537, 0)]);
    expect(sixth).toMatchObject({ funder: SINK_CALLS[5]?.funder, recipient: SINK_CALLS[5]?.recipient });
    expect(String(sixth?.funder)).toMatch(/^C/);
    // 31.932 t of classic sales + 1.234 + 0.5 + 1 + 0.75 + 2 + 3 t sunk through the contract.
    expect(carbonStats(e.reader()).carbon_sunk).toBe('40.416');
  });

  it('loads only new events on the next run (ledger > the newest call), without duplicates', async () => {
    const e = await setUp(mercuryEvents(SINK_CALLS.slice(0, 4)));
    await runSync(e, { via: 'test', fresh: true, http });
    mercury!.events = mercuryEvents();
    const again = await runSync(e, { via: 'test', http });
    expect(again.counts.find((c) => c.step === 'sink-contract-calls')?.loaded).toBe(2);
    expect(mercury?.log.at(-1)?.query).toMatch(/WHERE ledger > 58000004$/);
    expect(contractRows(e)).toHaveLength(6);
    const third = await runSync(e, { via: 'test', http });
    expect(third.counts.find((c) => c.step === 'sink-contract-calls')?.loaded).toBe(0);
  });

  it('a wrong key is a clear error that names Mercury and writes no contract-call sale', async () => {
    const e = await setUp(mercuryEvents(), 'not-the-key');
    const err = await runSync(e, { via: 'test', fresh: true, http }).then(() => null, (x: unknown) => x as Error);
    expect(err?.message).toMatch(new RegExp(`^sink-contract-calls \\(Obsrvr Flow or Mercury Retroshades\\): ${mercury?.url}: HTTP 401`));
    expect(err?.message).not.toContain('not-the-key');
    expect(contractRows(e)).toEqual([]);
  });

  it('a bad indexer row stops the step, naming the event and the field, before anything is stored', async () => {
    const events = mercuryEvents();
    (events[2] as Row).funder = 'GNOTAVALIDADDRESS';
    const e = await setUp(events);
    const err = await runSync(e, { via: 'test', fresh: true, http }).then(() => null, (x: unknown) => x as Error);
    expect(err?.message).toMatch(/event 3: funder "GNOTAVALIDADDRESS" is not a Stellar account \(G…\) or contract \(C…\) address; nothing of this step was stored/);
    expect(contractRows(e)).toEqual([]);
  });

  it('the Horizon cross-check confirms every call, and names one whose indexer row was altered', async () => {
    const events = mercuryEvents();
    (events[0] as Row).amount = 20_000_000; // the indexer says 2 t; the chain says 1.2345678 t
    const e = await setUp(events);
    await runSync(e, { via: 'test', fresh: true, http });
    const report = await verifyWithSources(e, { via: 'test', http });
    expect(report.provenance?.summary).toMatchObject({ bootstrapped: 6, confirmed: 5, differs: 1, unconfirmable: 0 });
    const prov = report.checks.find((c) => c.id === 'provenance');
    expect(prov?.status).toBe('fail');
    expect(prov?.offenders[0]?.message).toMatch(
      new RegExp(`sinking_txs ${SINK_CALLS[0]?.hash} differs from Horizon .*carbon_amount: published 2000, source 1234; source_asset_amount: published 20000000, source 12340000`),
    );
    expect(report.checks.find((c) => c.id === 'contract-calls')).toMatchObject({ status: 'pass' });
  });
});
