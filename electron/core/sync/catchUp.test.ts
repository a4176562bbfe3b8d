import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSourceConfig, type SourceConfig } from '../config.js';
import { openWriteDb } from '../db/open.js';
import type { WriteDb } from '../db/types.js';
import { hasShared, SC_DATA_DIR } from '../../testkit/sharedDir.js';
import { worldFromScData } from '../../testkit/fakeWorld/fromScData.js';
import { startFakeWorld, type FakeWorldServer } from '../../testkit/fakeWorld/server.js';
import { catchUp, loadStep } from './catchUp.js';
import { readSyncState } from './syncState.js';
import type { StepProgress } from './types.js';

const SINK = 'GC7CDWMCWNCY7JYUW5UBEOLNBSTNDKKZSFTHKGZNPPSOXLFYFX3CSINK';
const ISSUER = 'GCBOATLWKXACOWKRRWORARDI2HFDSYPALMTS23YBZKHOB6XLW6CARBON';
const count = (db: WriteDb, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe.skipIf(!hasShared)('catch-up steps against the sc-data world', () => {
  let server: FakeWorldServer;
  let db: WriteDb;
  let config: SourceConfig;
  const sleeps: number[] = [];
  const http = { sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()) };

  beforeEach(async () => {
    server = await startFakeWorld(worldFromScData(SC_DATA_DIR));
    db = openWriteDb(':memory:');
    config = loadSourceConfig({}, server.settings);
    sleeps.length = 0;
  });
  afterEach(async () => {
    db.close();
    await server.close();
  });

  it('reports progress per step, and a rate-limit wait as a message', async () => {
    server.faults.add(`/accounts/${SINK}/payments`, { kind: 'rate-limit', retryAfter: 12 });
    const events: StepProgress[] = [];
    await catchUp(db, config, { onProgress: (p) => events.push(p), http });
    expect(events.filter((e) => e.state === 'done').map((e) => [e.step, e.done])).toEqual([
      ['impact-projects', 1], ['distribution-txs', 29], ['sinking-txs', 31], ['sink-contract-calls', 0], ['retirements', 17],
      ['minted-blocks', 9], ['retirement-from-block', 17], ['sink-statuses', 24],
    ]);
    expect(events).toContainEqual(expect.objectContaining({ step: 'sinking-txs', state: 'waiting', message: 'rate limited, resuming in 12 s' }));
    expect(events).toContainEqual(expect.objectContaining({ step: 'sinking-txs', done: 31, total: 31, state: 'running' }));
    expect(sleeps).toEqual([12_000]);
  });

  it('keeps earlier steps when one fails, records no state for it, and resumes on the next run', async () => {
    server.faults.add(`/accounts/${ISSUER}/payments`, { kind: 'status', status: 410 });
    await expect(catchUp(db, config, { http })).rejects.toThrow(/^minted-blocks \(Horizon \+ Verra pool report\): .*pruned history.*SC_HORIZON_URL/);
    expect(count(db, 'sinking_txs')).toBe(31);
    expect(count(db, 'minted_blocks')).toBe(0);
    expect(readSyncState(db).map((s) => s.source)).not.toContain('minted-blocks');
    const again = await catchUp(db, config, { http });
    expect(again['minted-blocks']).toBe(9);
    expect(again['sinking-txs']).toBe(0);
  });

  it('names the serial hash of a mint it cannot account for, and loads none of that step', async () => {
    const mint = server.world.horizon.payments[ISSUER]?.find((r) => r.to !== ISSUER && r.transaction?.memo_type === 'hash');
    if (!mint?.transaction) throw new Error('no mint in world');
    mint.transaction.memo = Buffer.alloc(32, 7).toString('base64');
    await expect(catchUp(db, config, { http })).rejects.toThrow(new RegExp(`minted-blocks: no serial number found for serial hash ${'07'.repeat(32)} \\(tx ${mint.transaction_hash}`));
    expect(count(db, 'minted_blocks')).toBe(0);
  });

  it('rejects a retirement whose serial disagrees with its quantity, naming the certificate', async () => {
    const item = server.world.verra.retirements.find((r) => String(r.holdingIdentifier) === '188439');
    if (!item) throw new Error('no 188439');
    item.quantity = 8;
    await loadStep(db, config, 'impact-projects');
    await expect(loadStep(db, config, 'retirements', { http })).rejects.toThrow(/retirements: certificate 188439: serial .* holds 9 credits, but the retirement is of 8/);
    expect(count(db, 'retirements')).toBe(0);
  });

  it('errors on an overspent block in the associations step', async () => {
    await catchUp(db, config, { http });
    db.prepare("INSERT INTO retirements SELECT 999999, vcu_amount, serial_number, retirement_date, retirement_beneficiary, retirement_details, vcs_project_id, issuance_date, instrument_type, vintage_start, vintage_end, total_vintage_quantity FROM retirements WHERE certificate_id = 143471").run();
    await expect(loadStep(db, config, 'associations', { http })).rejects.toThrow(/retirement-from-block: retiring certificate 999999 from block 016023e6\w+ would overspend it/);
  });

  it('stops when cancelled', async () => {
    const ac = new AbortController();
    const run = catchUp(db, config, { http, signal: ac.signal, onProgress: (p) => p.step === 'sinking-txs' && ac.abort() });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(count(db, 'sinking_txs')).toBe(0);
  });
});
