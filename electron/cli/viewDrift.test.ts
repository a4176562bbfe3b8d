import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../core/engine.js';
import { runSync } from '../core/sync/runSync.js';
import { listDrift } from '../core/views/drift.js';
import { runCliCaptured } from '../testkit/cliHarness.js';
import { EnvPatch } from '../testkit/envPatch.js';
import { worldFromScData } from '../testkit/fakeWorld/fromScData.js';
import { startFakeWorld, type FakeWorldServer } from '../testkit/fakeWorld/server.js';
import { hasShared, SC_DATA_DIR } from '../testkit/sharedDir.js';
import { TempEngines } from '../testkit/tempEngines.js';

/** `view drift` (issue 15): the Drift view's own query, printed as the other views are. */
const http = { sleep: () => Promise.resolve() };
const SERIAL = (a: number, b: number) => `8040-${a}-${b}-VCU-042-MER-PE-14-1360-01072013-30062014-1`;

describe.skipIf(!hasShared)('view drift', () => {
  let server: FakeWorldServer;
  const env = new EnvPatch();
  const temp = new TempEngines('sc-cli-drift-');
  let engine: Engine;
  let file: string;
  const catchUp = () => runSync(engine, { fresh: true, via: 'test', verify: false, http });
  const item = (id: number) => {
    const found = server.world.verra.retirements.find((r) => Number(r.holdingIdentifier) === id);
    if (!found) throw new Error(`no certificate ${id} in the world`);
    return found;
  };

  beforeEach(async () => {
    server = await startFakeWorld(worldFromScData(SC_DATA_DIR));
    env.set(server.settings);
    file = temp.dbFile();
    engine = temp.engine(file);
    await catchUp();
  });
  afterEach(async () => {
    temp.cleanUp();
    env.restore();
    await server.close();
  });

  it('prints the same rows as the view, as JSON, CSV or a table, with its filters', async () => {
    item(152309).totalVintageQuantity = 1;
    server.world.verra.pool = server.world.verra.pool.filter((b) => b.serial_number !== SERIAL(449402409, 449402432));
    await catchUp();
    const json = await runCliCaptured(['--db', file, 'view', 'drift', '-f', 'json']);
    expect(json.stderr).toBe('');
    const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(rows).toEqual(listDrift(engine.reader(), { limit: null }).rows);
    expect(rows.map((r) => [r.seq, r.source, r.field, r.kind])).toEqual([[2, 'pool_batch', 'record', 'removed'], [1, 'retirement', 'total_vintage_quantity', 'edited']]);
    expect(rows[1]?.covered_sales).toMatch(/^[0-9a-f]{64}$/);
    const csv = (await runCliCaptured(['--db', file, 'view', 'drift', '-f', 'csv', '--source', 'retirement'])).stdout.split('\r\n');
    expect(csv[0]).toBe('seq,noticed_at,source,subject,field,kind,first_value,current_value,covered_sales,operation_id,hash');
    expect(csv[1]).toMatch(/^1,\S+,retirement,152309,total_vintage_quantity,edited,97259,1,[0-9a-f]{64},[\w-]+,[0-9a-f]{64}$/);
    expect(csv).toHaveLength(3);
    const table = (await runCliCaptured(['--db', file, 'view', 'drift', '--kind', 'removed'])).stdout;
    expect(table).toContain(SERIAL(449402409, 449402432));
    expect(table).not.toContain('152309');
    const bad = await runCliCaptured(['--db', file, 'view', 'drift', '--kind', 'gone']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--kind.*Allowed choices are removed, reassigned, edited, restored/);
  });

});
